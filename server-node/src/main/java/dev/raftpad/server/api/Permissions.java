package dev.raftpad.server.api;

import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.Refusals;
import dev.raftpad.server.state.Role;

/**
 * The check every read of a document makes (writes are judged by the state machine at apply time,
 * with the same rule): the document must exist outside the trash, and the caller's role must be at
 * least the one the call needs. Runs on the loop thread, inside the read.
 */
final class Permissions {
  private Permissions() {}

  /**
   * The caller's role; throws NOT_FOUND (DOCUMENT_NOT_FOUND) for a missing document and
   * PERMISSION_DENIED (NOT_ALLOWED) for a role weaker than {@code required}.
   */
  static Role require(CollabState state, String documentId, String userId, Role required) {
    if (state.documentLog(documentId) == null) {
      throw Statuses.refused(Refusals.notFound(documentId));
    }
    Role role = state.roleOf(documentId, userId);
    if (!role.atLeast(required)) {
      throw Statuses.refused(Refusals.notAllowed(required, role));
    }
    return role;
  }
}
