package dev.raftpad.server.state;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every document's access by document id, readable from any thread: the event hub asks it for each
 * event and subscriber, whichever thread relays the event. Only {@code Documents} writes it, on the
 * loop thread, as access changes; it is derived state, rebuilt on restore, and never part of a
 * snapshot. Its values are immutable, so a reader sees one access or the next, never half of one.
 */
public final class AccessIndex {
  private final Map<String, DocumentAccess> byDocument = new ConcurrentHashMap<>();

  void put(String documentId, DocumentAccess access) {
    byDocument.put(documentId, access);
  }

  void remove(String documentId) {
    byDocument.remove(documentId);
  }

  void clear() {
    byDocument.clear();
  }

  /** A user's role on a document; {@link Role#NONE} when there is no such document. */
  public Role roleOf(String documentId, String userId) {
    DocumentAccess access = byDocument.get(documentId);
    return access == null ? Role.NONE : access.roleOf(userId);
  }
}
