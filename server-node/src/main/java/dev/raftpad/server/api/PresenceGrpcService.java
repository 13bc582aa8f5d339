package dev.raftpad.server.api;

import dev.raftpad.proto.v1.ListOnlineRequest;
import dev.raftpad.proto.v1.ListOnlineResponse;
import dev.raftpad.proto.v1.PresenceServiceGrpc;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.proto.v1.UpdateCursorResponse;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.state.SessionIndex;
import io.grpc.stub.StreamObserver;
import java.util.List;

/**
 * Who is online (replicated, so it survives failover) and cursor relays (ephemeral: never logged,
 * relayed to this node's subscribers of the document; receivers transform them through later
 * operations).
 */
public final class PresenceGrpcService extends PresenceServiceGrpc.PresenceServiceImplBase {
  private final Replicator replicator;
  private final CursorRelay cursors;

  public PresenceGrpcService(Replicator replicator, EventHub hub) {
    this.replicator = replicator;
    this.cursors = new CursorRelay(replicator, hub);
  }

  @Override
  public void listOnline(ListOnlineRequest request, StreamObserver<ListOnlineResponse> response) {
    String userId = Caller.session().userId();
    long now = replicator.now();
    Replies.from(
        replicator.read(
            state -> {
              String documentId = request.getDocumentId();
              if (!documentId.isEmpty()) {
                Permissions.require(state, documentId, userId, Role.VIEWER);
              }
              var online = ListOnlineResponse.newBuilder();
              for (var entry : state.online(now)) {
                if (documentId.isEmpty() || entry.getDocumentIdsList().contains(documentId)) {
                  // Who is in a document is shown only to those who may read it.
                  List<String> readable =
                      entry.getDocumentIdsList().stream()
                          .filter(id -> state.roleOf(id, userId).atLeast(Role.VIEWER))
                          .toList();
                  online.addOnline(
                      entry.toBuilder().clearDocumentIds().addAllDocumentIds(readable));
                }
              }
              return online.build();
            }),
        response,
        replicator);
  }

  @Override
  public void updateCursor(
      UpdateCursorRequest request, StreamObserver<UpdateCursorResponse> response) {
    SessionIndex.Session session = Caller.session();
    // Any node: it relays the caret to its own streams and to the other members (ADR 0014).
    Replies.from(
        cursors
            .relay(session, request)
            .thenApply(relayed -> UpdateCursorResponse.getDefaultInstance()),
        response,
        replicator);
  }
}
