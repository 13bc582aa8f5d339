package dev.raftpad.server;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.raft.storage.NodeIdentity;
import dev.raftpad.server.api.AccountGrpcService;
import dev.raftpad.server.api.AiGrpcService;
import dev.raftpad.server.api.Authenticator;
import dev.raftpad.server.api.ClusterGrpcService;
import dev.raftpad.server.api.ClusterWatch;
import dev.raftpad.server.api.DocumentGrpcService;
import dev.raftpad.server.api.EditGrpcService;
import dev.raftpad.server.api.EventGrpcService;
import dev.raftpad.server.api.EventHub;
import dev.raftpad.server.api.HistoryGrpcService;
import dev.raftpad.server.api.LockGrpcService;
import dev.raftpad.server.api.PresenceGrpcService;
import dev.raftpad.server.api.RateLimiter;
import dev.raftpad.server.api.Replicator;
import dev.raftpad.server.raft.ClusterSecret;
import dev.raftpad.server.raft.GrpcTransport;
import dev.raftpad.server.raft.RaftPeerGrpcService;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One Raftpad server node, assembled: its data dir (identity, WAL, snapshots), the Raft runtime
 * with the collaboration state machine, the gRPC transport to its peers, and one gRPC server that
 * serves both the client API and the peer API.
 */
public final class ServerNode implements AutoCloseable {
  /**
   * How to run a node.
   *
   * @param addresses node id -> host:port of every known member (client and peer API share it)
   * @param founders the voters of a brand-new cluster (empty to join an existing one)
   * @param llmAddress host:port of the LLM node, or "" when AI features are off
   * @param openRegistration false: only admins add accounts (after the first, the admin)
   */
  public record Config(
      String nodeId,
      String clusterId,
      String secret,
      InetSocketAddress listen,
      Path dataDir,
      Map<String, String> addresses,
      Set<String> founders,
      Duration tick,
      int bcryptCost,
      long snapshotEvery,
      String llmAddress,
      boolean openRegistration) {
    /** Open registration. */
    public Config(
        String nodeId,
        String clusterId,
        String secret,
        InetSocketAddress listen,
        Path dataDir,
        Map<String, String> addresses,
        Set<String> founders,
        Duration tick,
        int bcryptCost,
        long snapshotEvery,
        String llmAddress) {
      this(
          nodeId,
          clusterId,
          secret,
          listen,
          dataDir,
          addresses,
          founders,
          tick,
          bcryptCost,
          snapshotEvery,
          llmAddress,
          true);
    }

    public Config withOpenRegistration(boolean open) {
      return new Config(
          nodeId,
          clusterId,
          secret,
          listen,
          dataDir,
          addresses,
          founders,
          tick,
          bcryptCost,
          snapshotEvery,
          llmAddress,
          open);
    }

    /** A node without an LLM node: AI calls answer UNAVAILABLE (LLM_UNAVAILABLE). */
    public Config(
        String nodeId,
        String clusterId,
        String secret,
        InetSocketAddress listen,
        Path dataDir,
        Map<String, String> addresses,
        Set<String> founders,
        Duration tick,
        int bcryptCost,
        long snapshotEvery) {
      this(
          nodeId,
          clusterId,
          secret,
          listen,
          dataDir,
          addresses,
          founders,
          tick,
          bcryptCost,
          snapshotEvery,
          "",
          true);
    }
  }

  private final NodeServer server;
  private final RaftServer<CommandResult> raft;
  private final GrpcTransport transport;
  private final ExecutorService workers;
  private final java.util.concurrent.ScheduledExecutorService timers;
  private final ManagedChannel llm;
  private final EventHub hub;
  private final ClusterWatch watch;

  private ServerNode(
      NodeServer server,
      RaftServer<CommandResult> raft,
      GrpcTransport transport,
      ExecutorService workers,
      java.util.concurrent.ScheduledExecutorService timers,
      ManagedChannel llm,
      EventHub hub,
      ClusterWatch watch) {
    this.server = server;
    this.raft = raft;
    this.transport = transport;
    this.workers = workers;
    this.timers = timers;
    this.llm = llm;
    this.hub = hub;
    this.watch = watch;
  }

  public static ServerNode start(Config config) throws IOException {
    NodeIdentity.loadOrCreate(
        config.dataDir(), new NodeIdentity(config.nodeId(), config.clusterId()));
    FileStorage storage = new FileStorage(config.dataDir().resolve("raft"));
    ClusterSecret secret = new ClusterSecret(config.secret());
    CollabState state = new CollabState();
    EventHub hub = new EventHub();
    state.onEvent(hub, hub::hasSubscribers);
    state.onMemberAddress(config.addresses()::put);
    AtomicReference<RaftServer<CommandResult>> raftRef = new AtomicReference<>();
    GrpcTransport transport =
        new GrpcTransport(
            config.clusterId(),
            secret,
            config.addresses()::get,
            new GrpcTransport.Feedback() {
              @Override
              public void reportUnreachable(String peer) {
                raftRef.get().reportUnreachable(peer);
              }

              @Override
              public void reportSnapshot(String peer, boolean delivered) {
                raftRef.get().reportSnapshot(peer, delivered);
              }
            });
    RaftConfig raftConfig = RaftConfig.defaults();
    NodeDriver<CommandResult> driver =
        NodeDriver.open(
            config.nodeId(),
            raftConfig,
            new SecureRandom(),
            storage,
            transport,
            state,
            new Membership(config.founders(), Set.of()),
            new NodeDriver.SnapshotPolicy(
                config.snapshotEvery(), Math.max(1, config.snapshotEvery() / 10)));
    RaftServer<CommandResult> raft =
        new RaftServer<>(driver, storage, config.clusterId(), config.tick());
    raftRef.set(raft);
    Clock clock = Clock.systemUTC();
    Replicator replicator = new Replicator(raft, state, config.addresses(), clock);
    ExecutorService workers =
        Executors.newFixedThreadPool(2, Thread.ofPlatform().daemon().name("bcrypt-", 0).factory());
    java.util.concurrent.ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("presence").factory());
    Authenticator authenticator =
        new Authenticator(
            state.sessionIndex(),
            clock::millis,
            new RateLimiter(200, 400, System::nanoTime),
            replicator);
    ManagedChannel llm =
        config.llmAddress().isEmpty()
            ? null
            : NettyChannelBuilder.forTarget(config.llmAddress()).usePlaintext().build();
    List<BindableService> services =
        List.of(
            authenticated(
                new AccountGrpcService(
                    replicator, workers, config.bcryptCost(), config.openRegistration()),
                authenticator),
            authenticated(new DocumentGrpcService(replicator), authenticator),
            authenticated(new EditGrpcService(replicator), authenticator),
            authenticated(new LockGrpcService(replicator), authenticator),
            authenticated(new EventGrpcService(replicator, hub, timers), authenticator),
            authenticated(new PresenceGrpcService(replicator, hub), authenticator),
            authenticated(new HistoryGrpcService(replicator), authenticator),
            authenticated(new AiGrpcService(replicator, llm, config.llmAddress()), authenticator),
            authenticated(
                new ClusterGrpcService(replicator, raft, config.addresses()), authenticator),
            () ->
                ServerInterceptors.intercept(
                    new RaftPeerGrpcService(config.nodeId(), raft::receive, 1L << 30),
                    secret.serverInterceptor()));
    ClusterWatch watch =
        new ClusterWatch(
            config.nodeId(),
            replicator,
            hub,
            // the longest a follower waits before it campaigns
            config.tick().multipliedBy(2L * raftConfig.electionTicks()));
    var unused =
        timers.scheduleWithFixedDelay(watch, 50, 50, java.util.concurrent.TimeUnit.MILLISECONDS);
    raft.start();
    NodeServer server = NodeServer.start(config.listen(), services);
    server.ready();
    return new ServerNode(server, raft, transport, workers, timers, llm, hub, watch);
  }

  private static BindableService authenticated(BindableService service, Authenticator auth) {
    ServerServiceDefinition definition = ServerInterceptors.intercept(service, auth);
    return () -> definition;
  }

  private void handOverLeadership() throws InterruptedException {
    var status = raft.status();
    if (status.role() != dev.raftpad.raft.core.RoleName.LEADER) {
      return;
    }
    String successor = status.mostUpToDateOtherVoter().orElse(null);
    if (successor == null) {
      return;
    }
    try {
      raft.transferLeadership(successor).get(1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      return; // stopping anyway: the others elect a leader after a timeout
    }
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(2);
    // Until another node leads and this one has heard from it.
    while ((raft.status().role() == dev.raftpad.raft.core.RoleName.LEADER
            || raft.status().leaderId() == null)
        && System.nanoTime() < deadline) {
      java.util.concurrent.locks.LockSupport.parkNanos(
          java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  public int port() {
    return server.port();
  }

  public RaftServer<CommandResult> raft() {
    return raft;
  }

  /**
   * Stops the node. A leader first hands leadership to its most up-to-date voter (and waits up to
   * two seconds for it to take over), so clients see a quick hand-over instead of an election
   * timeout.
   */
  @Override
  public void close() throws Exception {
    timers.shutdownNow(); // no renewals or alerts from a node on its way out
    hub.accept(watch.shuttingDown());
    handOverLeadership();
    watch.endStreams("this node is shutting down; resume at the leader");
    transport.close();
    raft.close();
    server.close();
    workers.shutdownNow();
    if (llm != null) {
      llm.shutdownNow();
    }
  }
}
