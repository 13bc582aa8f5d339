package dev.raftpad.document.review;

import dev.raftpad.document.op.Operation;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The anchors of a document's comment threads on a client, by thread id, in the positions of the
 * document as the user sees it (the server's revision plus unconfirmed local edits). Moved through
 * every operation applied locally — typing and transformed remote revisions alike — with the rule
 * the server uses ({@link CommentAnchor#transform}), so client and server agree.
 */
public final class CommentAnchors {
  private final Map<String, CommentAnchor> anchors = new LinkedHashMap<>();

  /** Every anchor, by thread id (a copy). */
  public Map<String, CommentAnchor> all() {
    return Map.copyOf(anchors);
  }

  /** The anchor of a thread, or {@code null}. */
  public CommentAnchor get(String threadId) {
    return anchors.get(threadId);
  }

  public void put(String threadId, CommentAnchor anchor) {
    anchors.put(threadId, anchor);
  }

  public void remove(String threadId) {
    anchors.remove(threadId);
  }

  /** Moves every anchor through an operation applied to the document. */
  public void transform(Operation operation) {
    if (!anchors.isEmpty() && !operation.isIdentity()) {
      anchors.replaceAll((id, anchor) -> anchor.transform(operation));
    }
  }
}
