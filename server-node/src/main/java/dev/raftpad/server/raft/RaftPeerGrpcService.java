package dev.raftpad.server.raft;

import dev.raftpad.proto.v1.DeliverAck;
import dev.raftpad.proto.v1.InstallSnapshotResponse;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.proto.v1.RaftPeerServiceGrpc;
import dev.raftpad.proto.v1.SnapshotChunk;
import dev.raftpad.raft.core.Message;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;

/**
 * The receiving side of the peer API: turns wire messages into raft messages for the local node. It
 * does no Raft logic itself; malformed input ends the stream with INVALID_ARGUMENT.
 */
public final class RaftPeerGrpcService extends RaftPeerServiceGrpc.RaftPeerServiceImplBase {
  private final String localNodeId;
  private final PeerInbox inbox;
  private final long maxSnapshotBytes;

  public RaftPeerGrpcService(String localNodeId, PeerInbox inbox, long maxSnapshotBytes) {
    this.localNodeId = localNodeId;
    this.inbox = inbox;
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
        Message message;
        try {
          message = PeerMessages.fromWire(wire);
        } catch (IllegalArgumentException e) {
          failed = true;
          ack.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
          return;
        }
        if (message.to().equals(localNodeId)) {
          inbox.receive(wire.getHeader().getClusterId(), message);
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
}
