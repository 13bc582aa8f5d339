package dev.raftpad.benchmarks.raft;

import dev.raftpad.benchmarks.TempDir;
import dev.raftpad.benchmarks.raft.RaftBenchmark.ClientApi;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.spi.StateMachine;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.rpc.RawBytes;
import dev.raftpad.server.raft.ClusterSecret;
import dev.raftpad.server.raft.GrpcTransport;
import dev.raftpad.server.raft.RaftPeerGrpcService;
import io.grpc.CallOptions;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Our Raft as a server node runs it, minus the collaboration state: per node a {@link FileStorage}
 * (segmented WAL, fsync) in a temp dir, {@link NodeDriver} + {@link RaftServer} with the default
 * {@link RaftConfig} and a 100 ms tick, server-node's {@link GrpcTransport} to the peers and one
 * gRPC server (plaintext, loopback) with the peer API ({@link RaftPeerGrpcService} behind the
 * {@link ClusterSecret}) and a benchmark-only client API: one unary method, {@code
 * raftpad.bench.v1.Proposals/Propose}, bytes in (the command), bytes out (the counter after it),
 * answered once the command is applied on the leader.
 */
final class RaftpadGrpcCluster implements BenchCluster {
  static final String CLUSTER_ID = "raftpad-bench";
  private static final Duration TICK = Duration.ofMillis(100);

  /** The benchmark's client API, hand-built: no .proto for one bytes-in, bytes-out method. */
  static final MethodDescriptor<byte[], byte[]> PROPOSE =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName("raftpad.bench.v1.Proposals", "Propose"))
          .setRequestMarshaller(RawBytes.INSTANCE)
          .setResponseMarshaller(RawBytes.INSTANCE)
          .build();

  /**
   * The same, as one bidirectional stream per connection: a request is an 8-byte id and the
   * command, a reply the id and the counter (-1 if the proposal failed). How the SDK's edit channel
   * and Ratis's asynchronous client talk to a leader.
   */
  static final MethodDescriptor<byte[], byte[]> PROPOSE_STREAM =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName(
              MethodDescriptor.generateFullMethodName(
                  "raftpad.bench.v1.Proposals", "ProposeStream"))
          .setRequestMarshaller(RawBytes.INSTANCE)
          .setResponseMarshaller(RawBytes.INSTANCE)
          .build();

  private final ClientApi clientApi;
  private final List<ProposalStreamClient> streams = new ArrayList<>();
  private final TempDir dir;
  private final Map<String, RaftServer<Long>> rafts = new LinkedHashMap<>();
  private final Map<String, Counter> counters = new LinkedHashMap<>();
  private final List<GrpcTransport> transports = new ArrayList<>();
  private final List<Server> servers = new ArrayList<>();
  private final List<ManagedChannel> channels = new ArrayList<>();
  private String leader;

  private RaftpadGrpcCluster(TempDir dir, ClientApi clientApi) {
    this.dir = dir;
    this.clientApi = clientApi;
  }

  /**
   * Starts three nodes, waits for a leader and opens {@code connections} channels to it.
   *
   * @param peerPrefetch 0 to run the peer API exactly as server-node does; N &gt; 0 to let each
   *     peer stream deliver up to N messages ahead instead of one at a time (an experiment for a
   *     server-node change: see {@link Prefetch})
   */
  static RaftpadGrpcCluster start(
      TempDir dir, int connections, ClientApi clientApi, int peerPrefetch) throws Exception {
    RaftpadGrpcCluster cluster = new RaftpadGrpcCluster(dir, clientApi);
    try {
      cluster.startNodes(List.of("n1", "n2", "n3"), peerPrefetch);
      cluster.leader = cluster.awaitLeader();
      String address = cluster.addresses.get(cluster.leader);
      for (int i = 0; i < connections; i++) {
        cluster.channels.add(
            NettyChannelBuilder.forTarget(address, InsecureChannelCredentials.create()).build());
      }
      if (clientApi == ClientApi.STREAM) {
        for (ManagedChannel channel : cluster.channels) {
          cluster.streams.add(new ProposalStreamClient(channel));
        }
      }
      return cluster;
    } catch (Exception | Error e) {
      cluster.close();
      throw e;
    }
  }

  private final Map<String, String> addresses = new ConcurrentHashMap<>();

  private void startNodes(List<String> ids, int peerPrefetch) throws IOException {
    ClusterSecret secret = new ClusterSecret("raftpad-benchmark-secret-0123456789");
    Map<String, AtomicReference<RaftServer<Long>>> refs = new LinkedHashMap<>();
    // First the gRPC servers, so every address is known before any node sends.
    for (String id : ids) {
      AtomicReference<RaftServer<Long>> ref = new AtomicReference<>();
      refs.put(id, ref);
      ServerServiceDefinition peer =
          ServerInterceptors.intercept(
              new RaftPeerGrpcService(id, (cluster, m) -> ref.get().receive(cluster, m), 1L << 30),
              secret.serverInterceptor());
      if (peerPrefetch > 0) {
        peer = ServerInterceptors.intercept(peer, new Prefetch(peerPrefetch));
      }
      Server server =
          NettyServerBuilder.forAddress(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                  InsecureServerCredentials.create())
              // As server-node's NodeServer: handlers only queue work for the Raft loop, so they
              // run on the transport threads, without a hand-off to an executor per message.
              .directExecutor()
              .addService(peer)
              .addService(proposals(ref))
              .build()
              .start();
      servers.add(server);
      addresses.put(id, "127.0.0.1:" + server.getPort());
    }
    Membership membership = Membership.ofVoters(ids.toArray(String[]::new));
    for (String id : ids) {
      AtomicReference<RaftServer<Long>> ref = refs.get(id);
      GrpcTransport transport =
          new GrpcTransport(
              CLUSTER_ID,
              secret,
              InsecureChannelCredentials.create(),
              addresses::get,
              new GrpcTransport.Feedback() {
                @Override
                public void reportUnreachable(String peer) {
                  ref.get().reportUnreachable(peer);
                }

                @Override
                public void reportSnapshot(String peer, boolean delivered) {
                  ref.get().reportSnapshot(peer, delivered);
                }

                @Override
                public void reportConnectionLost(String peer) {
                  ref.get().reportConnectionLost(peer);
                }

                @Override
                public Set<String> peers() {
                  Set<String> others = new HashSet<>(ids);
                  others.remove(id);
                  return others;
                }
              });
      transports.add(transport);
      FileStorage storage = new FileStorage(dir.resolve(id));
      Counter counter = new Counter();
      counters.put(id, counter);
      NodeDriver<Long> driver =
          NodeDriver.open(
              id,
              RaftConfig.defaults(),
              new SecureRandom(),
              storage,
              transport,
              counter,
              membership,
              NodeDriver.SnapshotPolicy.DEFAULT);
      RaftServer<Long> raft = new RaftServer<>(driver, storage, CLUSTER_ID, TICK);
      ref.set(raft);
      rafts.put(id, raft);
    }
    rafts.values().forEach(RaftServer::start);
  }

  /** The benchmark's client API on one node: propose, answer with the result once applied. */
  private static ServerServiceDefinition proposals(AtomicReference<RaftServer<Long>> ref) {
    return ServerServiceDefinition.builder("raftpad.bench.v1.Proposals")
        .addMethod(
            PROPOSE,
            ServerCalls.asyncUnaryCall(
                (byte[] command, StreamObserver<byte[]> reply) -> {
                  var unused =
                      ref.get()
                          .propose(command)
                          .whenComplete(
                              (count, error) -> {
                                if (error != null) {
                                  reply.onError(
                                      Status.UNAVAILABLE
                                          .withDescription(error.toString())
                                          .asRuntimeException());
                                } else {
                                  reply.onNext(ByteBuffer.allocate(8).putLong(0, count).array());
                                  reply.onCompleted();
                                }
                              });
                }))
        .addMethod(
            PROPOSE_STREAM,
            ServerCalls.asyncBidiStreamingCall(
                (StreamObserver<byte[]> replies) ->
                    new ProposalStreamServer(command -> ref.get().propose(command), replies)))
        .build();
  }

  /**
   * Asks a call's client for {@code window} messages beyond what the service's stub asks for. The
   * stub of a streaming method asks for one message at a time, after the previous one was handled;
   * each ask is a task for the transport thread, so a busy stream delivers one message per round
   * trip between two threads. With this, the stub's asks keep the window topped up instead.
   */
  private record Prefetch(int window) implements ServerInterceptor {
    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      ServerCall.Listener<Q> listener = next.startCall(call, headers);
      call.request(window);
      return listener;
    }
  }

  private String awaitLeader() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      for (var entry : rafts.entrySet()) {
        if (entry.getValue().status().role() == RoleName.LEADER) {
          // One committed proposal: the leader's no-op is in, and the path works end to end.
          entry.getValue().propose(new byte[1]).get(10, TimeUnit.SECONDS);
          return entry.getKey();
        }
      }
      dev.raftpad.benchmarks.ClosedLoop.sleep(Duration.ofMillis(10));
    }
    throw new IOException("no leader elected in 20 s");
  }

  @Override
  public CompletableFuture<?> propose(int worker, byte[] command) {
    if (clientApi == ClientApi.STREAM) {
      return streams.get(worker % streams.size()).propose(command);
    }
    ManagedChannel channel = channels.get(worker % channels.size());
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    ClientCalls.asyncUnaryCall(
        channel.newCall(PROPOSE, CallOptions.DEFAULT.withDeadlineAfter(30, TimeUnit.SECONDS)),
        command,
        new StreamObserver<>() {
          @Override
          public void onNext(byte[] value) {
            result.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            result.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {
            if (!result.isDone()) {
              result.completeExceptionally(new IllegalStateException("no reply"));
            }
          }
        });
    return result;
  }

  @Override
  public long applied() {
    Counter counter = counters.get(leader);
    return counter == null ? 0 : counter.applied.get();
  }

  @Override
  public void close() throws Exception {
    streams.forEach(ProposalStreamClient::close);
    channels.forEach(ManagedChannel::shutdownNow);
    for (RaftServer<Long> raft : rafts.values()) {
      raft.close();
    }
    transports.forEach(GrpcTransport::close);
    for (Server server : servers) {
      server.shutdownNow();
      server.awaitTermination(5, TimeUnit.SECONDS);
    }
    dir.close();
  }

  /** Counts applied commands: the cheapest deterministic state machine. */
  static final class Counter implements StateMachine<Long> {
    private final AtomicLong applied = new AtomicLong();

    @Override
    public Long apply(long index, byte[] command) {
      return applied.incrementAndGet();
    }

    @Override
    public Image snapshot() {
      byte[] bytes = ByteBuffer.allocate(8).putLong(0, applied.get()).array();
      return () -> bytes;
    }

    @Override
    public void restore(SnapshotMeta meta, byte[] data) {
      applied.set(ByteBuffer.wrap(data).getLong());
    }
  }
}
