package dev.raftpad.server.api;

import dev.raftpad.proto.v1.CursorMoved;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.ListOnlineRequest;
import dev.raftpad.proto.v1.ListOnlineResponse;
import dev.raftpad.proto.v1.PresenceServiceGrpc;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.proto.v1.UpdateCursorResponse;
import dev.raftpad.server.state.SessionIndex;
import io.grpc.stub.StreamObserver;

/**
 * Who is online (replicated, so it survives failover) and cursor relays (ephemeral: never logged,
 * relayed to this node's subscribers of the document; receivers transform them through later
 * operations).
 */
public final class PresenceGrpcService extends PresenceServiceGrpc.PresenceServiceImplBase {
  private final Replicator replicator;
  private final EventHub hub;

  public PresenceGrpcService(Replicator replicator, EventHub hub) {
    this.replicator = replicator;
    this.hub = hub;
  }

  @Override
  public void listOnline(ListOnlineRequest request, StreamObserver<ListOnlineResponse> response) {
    Caller.session();
    long now = replicator.now();
    Replies.from(
        replicator.read(
            state -> {
              var online = ListOnlineResponse.newBuilder();
              for (var entry : state.online(now)) {
                if (request.getDocumentId().isEmpty()
                    || entry.getDocumentIdsList().contains(request.getDocumentId())) {
                  online.addOnline(entry);
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
    if (!replicator.isLeader()) {
      // Live streams are on the leader, so a caret is relayed there and nowhere else.
      var detail = replicator.notLeader(null);
      response.onError(
          Statuses.notLeader(detail, "cursors are relayed by the leader, " + detail.getLeaderId()));
      return;
    }
    Replies.from(
        // A cursor never enters the log and needs no ReadIndex round: the leader's own state knows
        // the user.
        replicator.read(
            state -> {
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
              return UpdateCursorResponse.getDefaultInstance();
            },
            true),
        response,
        replicator);
  }
}
