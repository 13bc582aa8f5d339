package dev.raftpad.benchmarks.raft;

import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The floor under every Raft over gRPC on this machine: the benchmark's own client path (one
 * proposal stream per connection, the same window, a server with the same settings) to a server
 * that answers each request at once, with no Raft, no disk and no peers. A commit over gRPC costs
 * at least this round trip twice (client to leader, leader to a follower) plus one fsync.
 */
final class EchoServer implements BenchCluster {
  private final Server server;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private final List<ProposalStreamClient> streams = new ArrayList<>();
  private final AtomicLong answered = new AtomicLong();

  private EchoServer(int connections) throws IOException {
    ServerServiceDefinition echo =
        ServerServiceDefinition.builder("raftpad.bench.v1.Proposals")
            .addMethod(
                RaftpadGrpcCluster.PROPOSE_STREAM,
                ServerCalls.asyncBidiStreamingCall(
                    (StreamObserver<byte[]> replies) ->
                        new ProposalStreamServer(
                            command ->
                                CompletableFuture.completedFuture(answered.incrementAndGet()),
                            replies)))
            .build();
    server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                InsecureServerCredentials.create())
            .directExecutor()
            .addService(echo)
            .build()
            .start();
    for (int i = 0; i < connections; i++) {
      ManagedChannel channel =
          NettyChannelBuilder.forTarget(
                  "127.0.0.1:" + server.getPort(), InsecureChannelCredentials.create())
              .build();
      channels.add(channel);
      streams.add(new ProposalStreamClient(channel));
    }
  }

  static EchoServer start(int connections) throws IOException {
    return new EchoServer(connections);
  }

  @Override
  public CompletableFuture<?> propose(int worker, byte[] command) {
    return streams.get(worker % streams.size()).propose(command);
  }

  @Override
  public long applied() {
    return answered.get();
  }

  @Override
  public void close() throws Exception {
    streams.forEach(ProposalStreamClient::close);
    channels.forEach(ManagedChannel::shutdownNow);
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }
}
