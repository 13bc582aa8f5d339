package dev.raftpad.benchmarks.raft;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.StreamObserver;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A proposer's end of one proposal stream ({@link RaftpadGrpcCluster#PROPOSE_STREAM}). */
final class ProposalStreamClient {
  /** Messages a proposal stream asks for ahead, each way (topped up every half window). */
  static final int WINDOW = 4096;

  private final Map<Long, CompletableFuture<byte[]>> pending = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong();
  private final StreamObserver<byte[]> requests;
  private volatile Throwable broken;

  ProposalStreamClient(ManagedChannel channel) {
    requests =
        ClientCalls.asyncBidiStreamingCall(
            channel.newCall(RaftpadGrpcCluster.PROPOSE_STREAM, CallOptions.DEFAULT),
            new ClientResponseObserver<byte[], byte[]>() {
              private ClientCallStreamObserver<byte[]> flow;
              private int received;

              @Override
              public void beforeStart(ClientCallStreamObserver<byte[]> requestStream) {
                flow = requestStream;
                requestStream.disableAutoRequestWithInitial(WINDOW);
              }

              @Override
              public void onNext(byte[] reply) {
                if (++received % (WINDOW / 2) == 0) {
                  flow.request(WINDOW / 2);
                }
                ByteBuffer buffer = ByteBuffer.wrap(reply);
                CompletableFuture<byte[]> future = pending.remove(buffer.getLong(0));
                if (future == null) {
                  return;
                }
                if (buffer.getLong(8) < 0) {
                  future.completeExceptionally(new IllegalStateException("proposal failed"));
                } else {
                  future.complete(reply);
                }
              }

              @Override
              public void onError(Throwable t) {
                fail(t);
              }

              @Override
              public void onCompleted() {
                fail(new IllegalStateException("the proposal stream ended"));
              }
            });
  }

  CompletableFuture<byte[]> propose(byte[] command) {
    CompletableFuture<byte[]> future = new CompletableFuture<>();
    if (broken != null) {
      future.completeExceptionally(broken);
      return future;
    }
    long id = ids.incrementAndGet();
    pending.put(id, future);
    byte[] request = new byte[8 + command.length];
    ByteBuffer.wrap(request).putLong(0, id);
    System.arraycopy(command, 0, request, 8, command.length);
    synchronized (this) {
      requests.onNext(request);
    }
    return future;
  }

  private void fail(Throwable t) {
    broken = t;
    pending.values().forEach(f -> f.completeExceptionally(t));
    pending.clear();
  }

  synchronized void close() {
    if (broken == null) {
      requests.onCompleted();
    }
  }
}
