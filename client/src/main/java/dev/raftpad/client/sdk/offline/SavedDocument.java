package dev.raftpad.client.sdk.offline;

import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.sync.SyncState;
import java.time.Instant;
import java.util.Optional;

/**
 * One document as the offline store keeps it: enough to list it, open it and edit it while the
 * cluster is unreachable, and to go on after a restart without losing or repeating an edit.
 *
 * @param title the title when it was last seen
 * @param role the user's role on it when it was last seen
 * @param savedAt when this copy was written
 * @param sync the editing client's state: the server's document at its revision and the edits not
 *     yet confirmed ({@link SyncClient#saved()})
 */
public record SavedDocument(
    String documentId, String title, DocumentRole role, Instant savedAt, SyncClient.Saved sync) {
  public SavedDocument {
    if (documentId.isEmpty()) {
      throw new IllegalArgumentException("a saved document needs an id");
    }
  }

  /** Whether this copy holds edits the server has not confirmed. */
  public boolean hasUnconfirmedEdits() {
    return !(sync.state() instanceof SyncState.Synchronized);
  }

  /**
   * What this copy says of its document, for a list or an editor opened without the network: its
   * title and the user's role then; no owner or lock (unknown offline), never deleted.
   */
  public DocumentInfo info() {
    return new DocumentInfo(
        documentId,
        title,
        Optional.empty(),
        savedAt,
        savedAt,
        sync.revision(),
        sync.confirmed().length(),
        Optional.empty(),
        false,
        Optional.empty(),
        role,
        DocumentRole.NONE);
  }

  /** The text as the user last saw it, unconfirmed edits included. */
  public String text() {
    return sync.local().text();
  }
}
