package dev.raftpad.server.api;

import dev.raftpad.proto.v1.CursorMoved;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.state.SessionIndex;
import java.util.concurrent.CompletableFuture;

/**
 * Relays a caret to this node's streams of the document: ephemeral, never logged, and only at the
 * leader, where every live stream of the cluster is (ADR 0006). Receivers transform it through the
 * operations after the revision it names. Used by UpdateCursor and by the edit channel.
 */
final class CursorRelay {
  private final Replicator replicator;
  private final EventHub hub;

  CursorRelay(Replicator replicator, EventHub hub) {
    this.replicator = replicator;
    this.hub = hub;
  }

  /** Relays {@code request} from {@code session}'s user, once their read access is checked. */
  CompletableFuture<Boolean> relay(SessionIndex.Session session, UpdateCursorRequest request) {
    // No log entry and no ReadIndex round: the leader's own state knows the user.
    return replicator.read(
        state -> {
          Permissions.require(state, request.getDocumentId(), session.userId(), Role.VIEWER);
          var user = state.user(session.userId());
          hub.accept(
              Event.newBuilder()
                  .setDocumentId(request.getDocumentId())
                  .setTime(AccountGrpcService.timestamp(replicator.now()))
                  .setCursor(
                      CursorMoved.newBuilder()
                          .setUser(AccountGrpcService.user(user))
                          .setClientId(request.getClientId())
                          .setRevision(request.getRevision())
                          .setSelection(request.getSelection()))
                  .build());
          return true;
        },
        true);
  }
}
