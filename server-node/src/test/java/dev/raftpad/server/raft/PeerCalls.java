package dev.raftpad.server.raft;

import dev.raftpad.proto.v1.DeliverAck;
import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.proto.v1.RaftPeerServiceGrpc;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Raw calls of the peer API, as a node (or an impostor) makes them. */
final class PeerCalls {
  private PeerCalls() {}

  /** Sends one message on a Deliver stream and returns how it ended: its error, or null. */
  static Throwable deliver(ManagedChannel channel, PeerMessage message) throws Exception {
    CompletableFuture<Throwable> outcome = new CompletableFuture<>();
    StreamObserver<PeerMessage> stream =
        RaftPeerServiceGrpc.newStub(channel)
            .deliver(
                new StreamObserver<DeliverAck>() {
                  @Override
                  public void onNext(DeliverAck value) {}

                  @Override
                  public void onError(Throwable t) {
                    outcome.complete(t);
                  }

                  @Override
                  public void onCompleted() {
                    outcome.complete(null);
                  }
                });
    stream.onNext(message);
    stream.onCompleted();
    return outcome.get(10, TimeUnit.SECONDS);
  }
}
