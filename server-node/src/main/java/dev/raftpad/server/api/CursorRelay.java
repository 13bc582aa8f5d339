package dev.raftpad.server.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.raftpad.proto.v1.CursorMoved;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.server.state.Role;
import dev.raftpad.server.state.SessionIndex;
import java.util.concurrent.CompletableFuture;

/**
 * Relays a caret to the streams of its document: ephemeral, never logged. This node's streams get
 * it at once and the other members get it over the peer link ({@link OtherNodes}) for theirs, since
 * every node serves streams (ADR 0014). Receivers transform it through the operations after the
 * revision it names. Used by UpdateCursor and by the edit channel.
 */
public final class CursorRelay {
  private final Replicator replicator;
  private final EventHub hub;

  CursorRelay(Replicator replicator, EventHub hub) {
    this.replicator = replicator;
    this.hub = hub;
  }

  /** Relays {@code request} from {@code session}'s user, once their read access is checked. */
  CompletableFuture<Boolean> relay(SessionIndex.Session session, UpdateCursorRequest request) {
    if (replicator.raftStatus().leaderId() != null && !replicator.servesStreams()) {
      // The streams are the leader's alone (it runs an older version, ADR 0017): a caret relayed
      // from here would reach nobody.
      return CompletableFuture.failedFuture(
          new dev.raftpad.raft.runtime.RaftException(
              dev.raftpad.raft.runtime.RaftException.Kind.NOT_LEADER,
              replicator.raftStatus().leaderId(),
              "carets go to the leader while it runs an older version"));
    }
    // No log entry and no ReadIndex round: this node's own state knows the user.
    return replicator.read(
        state -> {
          Permissions.require(state, request.getDocumentId(), session.userId(), Role.VIEWER);
          var user = state.user(session.userId());
          Event caret =
              Event.newBuilder()
                  .setDocumentId(request.getDocumentId())
                  .setTime(AccountGrpcService.timestamp(replicator.now()))
                  .setCursor(
                      CursorMoved.newBuilder()
                          .setUser(AccountGrpcService.user(user))
                          .setClientId(request.getClientId())
                          .setRevision(request.getRevision())
                          .setSelection(request.getSelection()))
                  .build();
          hub.accept(caret);
          replicator.otherNodes().relay(caret);
          return true;
        },
        true);
  }

  /**
   * Hands a caret another member relayed to this node's streams. Anything else, or bytes that do
   * not parse, is dropped: only carets travel this way, and the hub still sends each only to those
   * who may read its document.
   */
  public static void acceptRelayed(EventHub hub, ByteString relayed) {
    try {
      Event event = Event.parseFrom(relayed);
      if (event.hasCursor() && !event.getDocumentId().isEmpty()) {
        hub.accept(event);
      }
    } catch (InvalidProtocolBufferException unreadable) {
      // a member of another version, or a bug there: a lost caret, replaced by the next one
    }
  }
}
