package dev.raftpad.benchmarks.raft;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The server's end of one proposal stream ({@link RaftpadGrpcCluster#PROPOSE_STREAM}): each
 * request's command goes to {@code proposer}, and its reply leaves when the proposal completes (in
 * completion order, carrying the request's id).
 */
final class ProposalStreamServer implements StreamObserver<byte[]> {
  private final Function<byte[], CompletableFuture<Long>> proposer;
  private final StreamObserver<byte[]> replies;
  private final ServerCallStreamObserver<byte[]> flow;
  private int received;
  private boolean closed;

  ProposalStreamServer(
      Function<byte[], CompletableFuture<Long>> proposer, StreamObserver<byte[]> replies) {
    this.proposer = proposer;
    this.replies = replies;
    // gRPC's default asks for one message at a time (a hop to the transport thread per message);
    // ask for a window and top it up in batches instead.
    this.flow = (ServerCallStreamObserver<byte[]>) replies;
    flow.disableAutoRequest();
    flow.request(ProposalStreamClient.WINDOW);
  }

  @Override
  public void onNext(byte[] request) {
    if (++received % (ProposalStreamClient.WINDOW / 2) == 0) {
      flow.request(ProposalStreamClient.WINDOW / 2);
    }
    long id = ByteBuffer.wrap(request).getLong(0);
    byte[] command = Arrays.copyOfRange(request, 8, request.length);
    var unused =
        proposer
            .apply(command)
            .whenComplete(
                (count, error) ->
                    reply(
                        ByteBuffer.allocate(16)
                            .putLong(0, id)
                            .putLong(8, error == null ? count : -1)
                            .array()));
  }

  private synchronized void reply(byte[] reply) {
    if (!closed) {
      replies.onNext(reply);
    }
  }

  @Override
  public synchronized void onError(Throwable t) {
    closed = true;
  }

  @Override
  public synchronized void onCompleted() {
    if (!closed) {
      closed = true;
      replies.onCompleted();
    }
  }
}
