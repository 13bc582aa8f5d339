package dev.raftpad.client.sdk.model;

import dev.raftpad.document.text.Document;
import java.util.Optional;

/**
 * A document's content at one revision.
 *
 * @param info the metadata at head
 * @param revision the revision {@code content} is at (head unless an older one was asked for)
 * @param review its suggestions and comments, at {@code revision}, when that is the head
 */
public record DocumentSnapshot(
    DocumentInfo info, long revision, Document content, Optional<DocumentReview> review) {
  /** The plain text of the content. */
  public String text() {
    return content.text();
  }
}
