package dev.raftpad.server.raft;

import dev.raftpad.proto.v1.DeliverAck;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.InstallSnapshotResponse;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.proto.v1.RaftPeerServiceGrpc;
import dev.raftpad.proto.v1.SnapshotChunk;
import dev.raftpad.raft.core.Message;
import dev.raftpad.server.api.Statuses;
import dev.raftpad.server.state.CommandResult;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.Map;

/**
 * The receiving side of the peer API: turns wire messages into raft messages for the local node. It
 * does no Raft logic itself; malformed input ends the stream with INVALID_ARGUMENT.
 */
public final class RaftPeerGrpcService extends RaftPeerServiceGrpc.RaftPeerServiceImplBase {
  /** Where events relayed by other members go (carets for the streams this node serves). */
  @FunctionalInterface
  public interface RelayInbox {
    void relayed(com.google.protobuf.ByteString event);
  }

  private final String localNodeId;
  private final String clusterId;
  private final PeerInbox inbox;
  private final RelayInbox relays;
  private final PeerProtocols protocols;
  private final long maxSnapshotBytes;

  public RaftPeerGrpcService(String localNodeId, PeerInbox inbox, long maxSnapshotBytes) {
    this(localNodeId, null, inbox, event -> {}, new PeerProtocols(), maxSnapshotBytes);
  }

  /**
   * @param clusterId relayed events from another cluster are dropped (null: relays are dropped)
   * @param protocols where the peer protocol each sender speaks is noted, from its headers
   */
  public RaftPeerGrpcService(
      String localNodeId,
      String clusterId,
      PeerInbox inbox,
      RelayInbox relays,
      PeerProtocols protocols,
      long maxSnapshotBytes) {
    this.localNodeId = localNodeId;
    this.clusterId = clusterId;
    this.inbox = inbox;
    this.relays = relays;
    this.protocols = protocols;
    this.maxSnapshotBytes = maxSnapshotBytes;
  }

  @Override
  public StreamObserver<PeerMessage> deliver(StreamObserver<DeliverAck> ack) {
    return new StreamObserver<>() {
      private boolean failed;

      @Override
      public void onNext(PeerMessage wire) {
        if (failed) {
          return;
        }
        if (wire.getBodyCase() == PeerMessage.BodyCase.BODY_NOT_SET) {
          // A kind of message a newer member sends that this build does not know: skipped, never
          // a reason to break the link (the sender should not have sent it; see PeerProtocols).
          return;
        }
        protocols.heard(wire.getHeader().getFromNodeId(), wire.getHeader().getProtocol());
        if (wire.hasRelayedEvent()) {
          // Not Raft: an ephemeral event for this node's streams, from a member of this cluster.
          if (wire.getHeader().getClusterId().equals(clusterId)) {
            relays.relayed(wire.getRelayedEvent().getEvent());
          }
          return;
        }
        Message message;
        try {
          message = PeerMessages.fromWire(wire);
        } catch (IllegalArgumentException e) {
          failed = true;
          ack.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
          return;
        }
        if (message.to().equals(localNodeId)
            && !inbox.receive(wire.getHeader().getClusterId(), message)) {
          failed = true;
          ack.onError(wrongCluster(wire.getHeader().getClusterId()));
        }
      }

      @Override
      public void onError(Throwable t) {
        // The sender went away; it reconnects on its next message.
      }

      @Override
      public void onCompleted() {
        if (!failed) {
          ack.onNext(DeliverAck.getDefaultInstance());
          ack.onCompleted();
        }
      }
    };
  }

  @Override
  public StreamObserver<SnapshotChunk> installSnapshot(
      StreamObserver<InstallSnapshotResponse> response) {
    SnapshotChunks.Assembler assembler = new SnapshotChunks.Assembler(maxSnapshotBytes);
    return new StreamObserver<>() {
      private boolean failed;

      @Override
      public void onNext(SnapshotChunk chunk) {
        if (failed) {
          return;
        }
        try {
          assembler.accept(chunk);
        } catch (IllegalArgumentException e) {
          failed = true;
          response.onError(
              Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        }
      }

      @Override
      public void onError(Throwable t) {
        // An incomplete snapshot is simply dropped; the leader retries.
      }

      @Override
      public void onCompleted() {
        if (failed) {
          return;
        }
        Message.InstallSnapshot snapshot = assembler.result();
        if (snapshot == null) {
          response.onError(
              Status.INVALID_ARGUMENT
                  .withDescription("snapshot stream ended before its last chunk")
                  .asRuntimeException());
          return;
        }
        boolean accepted =
            snapshot.to().equals(localNodeId) && inbox.receive(assembler.clusterId(), snapshot);
        response.onNext(
            InstallSnapshotResponse.newBuilder()
                .setAccepted(accepted)
                .setLastIncludedIndex(snapshot.snapshot().meta().index())
                .build());
        response.onCompleted();
      }
    };
  }

  /**
   * FAILED_PRECONDITION (WRONG_CLUSTER): the sender has the secret but belongs to another cluster
   * (a node pointed at the wrong peers). Its messages are dropped and it is told why, once.
   */
  private static StatusRuntimeException wrongCluster(String senderClusterId) {
    return Statuses.refused(
        new CommandResult.Refused<>(
            ErrorReason.ERROR_REASON_WRONG_CLUSTER,
            "this node belongs to another cluster than '" + senderClusterId + "'",
            Map.of()));
  }
}
