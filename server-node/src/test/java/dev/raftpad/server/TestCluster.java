package dev.raftpad.server;

import com.google.protobuf.Any;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.raft.core.RoleName;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * Server nodes over real gRPC on loopback with real data dirs, and what tests do with them as
 * clients: find the leader, open channels, sign in, subscribe, read error details.
 */
final class TestCluster implements AutoCloseable {
  static final String SECRET = "a-cluster-secret-of-some-length";
  static final Duration WAIT = Duration.ofSeconds(30);

  final Map<String, String> addresses = new ConcurrentHashMap<>();
  final Map<String, ServerNode> nodes = new ConcurrentHashMap<>();
  private final Path root;
  private final Set<String> founders;
  private final String llmAddress;
  private final boolean openRegistration;
  private final List<ManagedChannel> channels = new ArrayList<>();

  private TestCluster(
      Path root, Set<String> founders, String llmAddress, boolean openRegistration) {
    this.root = root;
    this.founders = founders;
    this.llmAddress = llmAddress;
    this.openRegistration = openRegistration;
  }

  /** Nodes n1..n{size} founding a cluster, each with its data dir under {@code root}. */
  static TestCluster start(Path root, int size, String llmAddress) throws Exception {
    return start(root, size, llmAddress, true);
  }

  static TestCluster start(Path root, int size, String llmAddress, boolean openRegistration)
      throws Exception {
    Set<String> founders = new LinkedHashSet<>();
    for (int i = 1; i <= size; i++) {
      founders.add("n" + i);
    }
    TestCluster cluster = new TestCluster(root, Set.copyOf(founders), llmAddress, openRegistration);
    for (String id : founders) {
      cluster.startNode(id);
    }
    return cluster;
  }

  /** Starts (or restarts from its data dir) node {@code id}. */
  ServerNode startNode(String id) throws Exception {
    ServerNode node =
        ServerNode.start(
            ServerNode.Config.builder()
                .nodeId(id)
                .clusterId("test-cluster")
                .secret(SECRET)
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .dataDir(root.resolve(id))
                .addresses(addresses)
                .founders(founders)
                .tick(Duration.ofMillis(20))
                .bcryptCost(4)
                .snapshotEvery(30)
                .llmAddress(llmAddress)
                .openRegistration(openRegistration)
                .build());
    nodes.put(id, node);
    addresses.put(id, "127.0.0.1:" + node.port());
    return node;
  }

  /** Stops node {@code id} (a leader hands over first, as on SIGTERM). */
  void stopNode(String id) throws Exception {
    nodes.remove(id).close();
  }

  String leaderId() {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      for (var e : nodes.entrySet()) {
        if (e.getValue().raft().status().role() == RoleName.LEADER) {
          return e.getKey();
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
    throw new AssertionError("no leader within " + WAIT);
  }

  String aFollowerId() {
    String leader = leaderId();
    return nodes.keySet().stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
  }

  ManagedChannel channel(String nodeId) {
    String[] hostPort = addresses.get(nodeId).split(":", -1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]))
            .usePlaintext()
            .build();
    channels.add(channel);
    return channel;
  }

  static <S extends AbstractStub<S>> S withToken(S stub, String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  static String registerAndLogin(ManagedChannel channel, String name) {
    var accounts =
        AccountServiceGrpc.newBlockingStub(channel)
            .withDeadlineAfter(WAIT.toSeconds(), TimeUnit.SECONDS);
    accounts.register(
        RegisterRequest.newBuilder().setUsername(name).setPassword("password-" + name).build());
    return accounts
        .login(LoginRequest.newBuilder().setUsername(name).setPassword("password-" + name).build())
        .getToken();
  }

  static <T extends com.google.protobuf.Message> T detail(StatusRuntimeException e, Class<T> type)
      throws Exception {
    for (Any any : StatusProto.fromThrowable(e).getDetailsList()) {
      if (any.is(type)) {
        return any.unpack(type);
      }
    }
    throw new AssertionError("no " + type.getSimpleName() + " in " + e);
  }

  /** A Subscribe stream: its events, and how it ended (completes when it does). */
  record Subscription(
      BlockingQueue<Event> events, java.util.concurrent.CompletableFuture<Throwable> end) {}

  /** Opens a Subscribe stream (to every document when none is named); events land in the queue. */
  static BlockingQueue<Event> subscribe(ManagedChannel channel, String token, String... docs) {
    return subscription(channel, token, docs).events();
  }

  static Subscription subscription(ManagedChannel channel, String token, String... docs) {
    Subscription subscription =
        new Subscription(
            new LinkedBlockingQueue<>(), new java.util.concurrent.CompletableFuture<>());
    EventServiceGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(token)))
        .subscribe(
            SubscribeRequest.newBuilder()
                .setAllDocuments(docs.length == 0)
                .addAllDocumentIds(List.of(docs))
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(Event event) {
                subscription.events().add(event);
              }

              @Override
              public void onError(Throwable t) {
                subscription.end().complete(t);
              }

              @Override
              public void onCompleted() {
                subscription.end().complete(null);
              }
            });
    return subscription;
  }

  private static Metadata bearer(String token) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return headers;
  }

  /** The next event matching {@code wanted}, skipping others; fails after {@link #WAIT}. */
  static Event next(BlockingQueue<Event> events, Predicate<Event> wanted)
      throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      Event event = events.poll(100, TimeUnit.MILLISECONDS);
      if (event != null && wanted.test(event)) {
        return event;
      }
    }
    throw new AssertionError("the expected event did not arrive within " + WAIT);
  }

  @Override
  public void close() throws Exception {
    for (ManagedChannel channel : channels) {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    for (ServerNode node : nodes.values()) {
      node.close();
    }
  }
}
