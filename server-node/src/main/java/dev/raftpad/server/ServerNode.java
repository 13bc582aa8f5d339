package dev.raftpad.server;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.runtime.NodeDriver;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.raft.spi.Storage;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.raft.storage.NodeIdentity;
import dev.raftpad.raft.storage.PrivateFiles;
import dev.raftpad.rpc.requestid.RequestIdServerInterceptor;
import dev.raftpad.server.api.AccountGrpcService;
import dev.raftpad.server.api.AiGrpcService;
import dev.raftpad.server.api.Authenticator;
import dev.raftpad.server.api.ClientAddress;
import dev.raftpad.server.api.ClusterGrpcService;
import dev.raftpad.server.api.ClusterWatch;
import dev.raftpad.server.api.CursorRelay;
import dev.raftpad.server.api.DocumentGrpcService;
import dev.raftpad.server.api.EditGrpcService;
import dev.raftpad.server.api.EventGrpcService;
import dev.raftpad.server.api.EventHub;
import dev.raftpad.server.api.HistoryGrpcService;
import dev.raftpad.server.api.ImageLimits;
import dev.raftpad.server.api.LockGrpcService;
import dev.raftpad.server.api.LoginThrottle;
import dev.raftpad.server.api.PresenceGrpcService;
import dev.raftpad.server.api.RateLimiter;
import dev.raftpad.server.api.Replicator;
import dev.raftpad.server.api.ReviewGrpcService;
import dev.raftpad.server.api.SharingGrpcService;
import dev.raftpad.server.backup.AppliedCommands;
import dev.raftpad.server.backup.BackupSource;
import dev.raftpad.server.events.EventAnnouncer;
import dev.raftpad.server.logging.NodeLogFields;
import dev.raftpad.server.metrics.NodeMetrics;
import dev.raftpad.server.raft.ClusterSecret;
import dev.raftpad.server.raft.GrpcTransport;
import dev.raftpad.server.raft.PeerCertificateCheck;
import dev.raftpad.server.raft.PeerProtocols;
import dev.raftpad.server.raft.PeerRelay;
import dev.raftpad.server.raft.RaftPeerGrpcService;
import dev.raftpad.server.state.CollabState;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.TypedCommand;
import dev.raftpad.server.status.FsyncWindow;
import dev.raftpad.server.status.Leadership;
import dev.raftpad.server.status.NodeHealth;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.TlsMaterial;
import dev.raftpad.tls.TrustedCa;
import io.grpc.BindableService;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Raftpad server node, assembled: its data dir (identity, WAL, snapshots), the Raft runtime
 * with the collaboration state machine, the gRPC transport to its peers, and one gRPC server that
 * serves both the client API and the peer API.
 */
public final class ServerNode implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ServerNode.class);

  /**
   * How to run a node; built with {@link #builder()}.
   *
   * @param addresses node id -> host:port of every known member (client and peer API share it);
   *     kept by reference, so a fixture can add the addresses of nodes started later
   * @param founders the voters of a brand-new cluster (empty to join an existing one)
   * @param llmAddress host:port of the LLM node, or "" when AI features are off (AI calls then
   *     answer UNAVAILABLE, LLM_UNAVAILABLE)
   * @param openRegistration false: only admins add accounts (after the first, the admin)
   * @param reflection whether to serve gRPC reflection (off by default: it lists every service to
   *     anyone who connects)
   * @param throttleClock monotonic nanoseconds for the sign-in throttle ({@code System::nanoTime};
   *     tests pass a clock they advance)
   * @param tls the node's certificate, key and cluster CA: clients get TLS, peers mutual TLS; null
   *     only for a node started with {@code --insecure} (plaintext everywhere)
   * @param llmCa the CA the LLM node's certificate comes from; null: the cluster CA
   * @param metricsAddress where to serve Prometheus metrics over HTTP; null: nowhere
   * @param metricsBestEffort true for a default address: if it cannot be bound, the node runs
   *     without metrics and logs why, instead of failing to start
   * @param imageLimits how big an image, and a document's images together, may be
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
      LongSupplier throttleClock,
      long snapshotEvery,
      double snapshotGrowth,
      String llmAddress,
      boolean openRegistration,
      boolean reflection,
      TlsMaterial tls,
      TrustedCa llmCa,
      InetSocketAddress metricsAddress,
      boolean metricsBestEffort,
      ImageLimits imageLimits) {
    public static Builder builder() {
      return new Builder();
    }

    /**
     * Builds a {@link Config}. Identity, secret, address, data dir and address book must be given;
     * the rest default to what {@code raftpad-server} runs with: a 100 ms tick, bcrypt cost 10, a
     * snapshot every 10,000 entries at the earliest and once the log since the last one is as big
     * as it ({@link NodeDriver.SnapshotPolicy}), no LLM node, open registration, no reflection, no
     * founders (joining), no metrics endpoint. TLS has no default: give {@link #tls} or say {@link
     * #insecure}.
     */
    public static final class Builder {
      private String nodeId;
      private String clusterId;
      private String secret;
      private InetSocketAddress listen;
      private Path dataDir;
      private Map<String, String> addresses;
      private Set<String> founders = Set.of();
      private Duration tick = Duration.ofMillis(100);
      private int bcryptCost = 10;
      private LongSupplier throttleClock = System::nanoTime;
      private long snapshotEvery = 10_000;
      private double snapshotGrowth = NodeDriver.SnapshotPolicy.DEFAULT.growth();
      private String llmAddress = "";
      private boolean openRegistration = true;
      private boolean reflection;
      private TlsMaterial tls;
      private boolean insecure;
      private TrustedCa llmCa;
      private InetSocketAddress metricsAddress;
      private boolean metricsBestEffort;
      private ImageLimits imageLimits = ImageLimits.DEFAULT;

      private Builder() {}

      /** How big an image, and a document's images together, may be. */
      public Builder imageLimits(ImageLimits imageLimits) {
        this.imageLimits = Objects.requireNonNull(imageLimits, "imageLimits");
        return this;
      }

      /**
       * Serve Prometheus metrics over HTTP at this address (port 0: any free port); the node does
       * not start if it cannot bind it.
       */
      public Builder metricsAddress(InetSocketAddress metricsAddress) {
        this.metricsAddress = metricsAddress;
        this.metricsBestEffort = false;
        return this;
      }

      /** Serve metrics at this default address if it can be bound, else run without them. */
      public Builder defaultMetricsAddress(InetSocketAddress metricsAddress) {
        this.metricsAddress = metricsAddress;
        this.metricsBestEffort = true;
        return this;
      }

      /** TLS with this certificate, key and cluster CA (mutual TLS between nodes). */
      public Builder tls(TlsMaterial tls) {
        this.tls = Objects.requireNonNull(tls, "tls");
        this.insecure = false;
        return this;
      }

      /** Plaintext on every link ({@code --insecure}). */
      public Builder insecure() {
        this.tls = null;
        this.insecure = true;
        return this;
      }

      /** The CA of the LLM node's certificate, when it is not the cluster CA. */
      public Builder llmCa(TrustedCa llmCa) {
        this.llmCa = llmCa;
        return this;
      }

      public Builder nodeId(String nodeId) {
        this.nodeId = nodeId;
        return this;
      }

      public Builder clusterId(String clusterId) {
        this.clusterId = clusterId;
        return this;
      }

      public Builder secret(String secret) {
        this.secret = secret;
        return this;
      }

      public Builder listen(InetSocketAddress listen) {
        this.listen = listen;
        return this;
      }

      public Builder dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
      }

      public Builder addresses(Map<String, String> addresses) {
        this.addresses = addresses;
        return this;
      }

      public Builder founders(Set<String> founders) {
        this.founders = founders;
        return this;
      }

      public Builder tick(Duration tick) {
        this.tick = tick;
        return this;
      }

      public Builder bcryptCost(int bcryptCost) {
        this.bcryptCost = bcryptCost;
        return this;
      }

      public Builder throttleClock(LongSupplier throttleClock) {
        this.throttleClock = throttleClock;
        return this;
      }

      public Builder snapshotEvery(long snapshotEvery) {
        this.snapshotEvery = snapshotEvery;
        return this;
      }

      /** See {@link NodeDriver.SnapshotPolicy#growth()}; 0 snapshots every N entries exactly. */
      public Builder snapshotGrowth(double snapshotGrowth) {
        this.snapshotGrowth = snapshotGrowth;
        return this;
      }

      public Builder llmAddress(String llmAddress) {
        this.llmAddress = llmAddress;
        return this;
      }

      public Builder openRegistration(boolean openRegistration) {
        this.openRegistration = openRegistration;
        return this;
      }

      public Builder reflection(boolean reflection) {
        this.reflection = reflection;
        return this;
      }

      public Config build() {
        if (tls == null && !insecure) {
          throw new IllegalStateException("give the node TLS material, or run it insecure()");
        }
        return new Config(
            Objects.requireNonNull(nodeId, "nodeId"),
            Objects.requireNonNull(clusterId, "clusterId"),
            Objects.requireNonNull(secret, "secret"),
            Objects.requireNonNull(listen, "listen"),
            Objects.requireNonNull(dataDir, "dataDir"),
            Objects.requireNonNull(addresses, "addresses"),
            Objects.requireNonNull(founders, "founders"),
            Objects.requireNonNull(tick, "tick"),
            bcryptCost,
            Objects.requireNonNull(throttleClock, "throttleClock"),
            snapshotEvery,
            snapshotGrowth,
            Objects.requireNonNull(llmAddress, "llmAddress"),
            openRegistration,
            reflection,
            tls,
            llmCa,
            metricsAddress,
            metricsBestEffort,
            imageLimits);
      }
    }
  }

  private final NodeServer server;
  private final RaftServer<CommandResult<?>> raft;
  private final GrpcTransport transport;
  private final ExecutorService workers;
  private final ExecutorService senders;
  private final ScheduledExecutorService timers;
  private final ManagedChannel llm;
  private final EventHub hub;
  private final ClusterWatch watch;
  private final EventGrpcService events;
  private final NodeMetrics metrics;

  private ServerNode(
      NodeServer server,
      RaftServer<CommandResult<?>> raft,
      GrpcTransport transport,
      ExecutorService workers,
      ExecutorService senders,
      ScheduledExecutorService timers,
      ManagedChannel llm,
      EventHub hub,
      ClusterWatch watch,
      EventGrpcService events,
      NodeMetrics metrics) {
    this.server = server;
    this.raft = raft;
    this.transport = transport;
    this.workers = workers;
    this.senders = senders;
    this.timers = timers;
    this.llm = llm;
    this.hub = hub;
    this.watch = watch;
    this.events = events;
    this.metrics = metrics;
  }

  public static ServerNode start(Config config) throws IOException {
    int tightened = PrivateFiles.secureDataDir(config.dataDir());
    if (tightened > 0) {
      log.info(
          "made {} files and directories of the data dir {} private to this user (0600/0700)",
          tightened,
          config.dataDir());
    }
    NodeIdentity.loadOrCreate(
        config.dataDir(), new NodeIdentity(config.nodeId(), config.clusterId()));
    NodeMetrics metrics = new NodeMetrics(config.nodeId(), config.clusterId());
    serveMetrics(metrics, config); // first: a taken metrics port fails before the storage opens
    FileStorage files = new FileStorage(config.dataDir().resolve("raft"));
    Storage storage = metrics.storage().measure(files);
    ClusterSecret secret = new ClusterSecret(config.secret());
    CollabState state = new CollabState();
    // Two senders encode and write events and answers to clients, off the Raft loop thread.
    ExecutorService senders =
        Executors.newFixedThreadPool(
            2,
            NodeLogFields.tagged(
                Thread.ofPlatform().daemon().name("sender-", 0).factory(), config.nodeId()));
    EventHub hub = new EventHub(state.accessIndex(), senders);
    state.onChange(
        new EventAnnouncer(state::publicUser, hub, hub::hasSubscribers)
            .andThen(metrics.changeCounter()));
    state.onMemberAddress(config.addresses()::put);
    AtomicReference<RaftServer<CommandResult<?>>> raftRef = new AtomicReference<>();
    // What each member reads, from its messages: mixed versions during a rolling upgrade.
    PeerProtocols peerProtocols = new PeerProtocols();
    GrpcTransport transport =
        new GrpcTransport(
            config.clusterId(),
            secret,
            GrpcTls.peerClient(config.tls()),
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

              @Override
              public void reportConnectionLost(String peer) {
                raftRef.get().reportConnectionLost(peer);
              }

              @Override
              public Set<String> peers() {
                return otherMembers(raftRef.get());
              }
            });
    AppliedCommands<CommandResult<?>> appliedCommands = new AppliedCommands<>(state);
    RaftConfig raftConfig = RaftConfig.defaults();
    NodeDriver<CommandResult<?>> driver =
        NodeDriver.open(
            config.nodeId(),
            raftConfig,
            new SecureRandom(),
            storage,
            transport,
            appliedCommands,
            new Membership(config.founders(), Set.of()),
            new NodeDriver.SnapshotPolicy(
                config.snapshotEvery(),
                Math.max(1, config.snapshotEvery() / 10),
                config.snapshotGrowth()));
    Clock clock = Clock.systemUTC();
    // Commands forwarded by followers carry the leader's time, like the leader's own (ADR 0014).
    driver.forwardedCommandStamp(command -> TypedCommand.restamped(command, clock.millis()));
    RaftServer<CommandResult<?>> raft =
        new RaftServer<>(driver, storage, config.clusterId(), config.tick());
    raftRef.set(raft);
    Replicator replicator =
        new Replicator(
            raft,
            state,
            config.addresses(),
            clock,
            senders,
            new PeerRelay(transport, () -> otherMembers(raft), peerProtocols, senders),
            metrics.proposals());
    ExecutorService workers =
        Executors.newFixedThreadPool(
            2,
            NodeLogFields.tagged(
                Thread.ofPlatform().daemon().name("bcrypt-", 0).factory(), config.nodeId()));
    ScheduledExecutorService timers =
        Executors.newSingleThreadScheduledExecutor(
            NodeLogFields.tagged(
                Thread.ofPlatform().daemon().name("presence").factory(), config.nodeId()));
    RateLimiter rateLimiter = new RateLimiter(200, 400, System::nanoTime);
    Leadership leadership = new Leadership(raft::status, clock::instant);
    var unusedLeadership = timers.scheduleWithFixedDelay(leadership, 0, 100, TimeUnit.MILLISECONDS);
    FsyncWindow fsyncWindow = new FsyncWindow(files.fsyncHistogram());
    long tick = FsyncWindow.TICK.toMillis();
    var unusedFsyncs =
        timers.scheduleWithFixedDelay(fsyncWindow, tick, tick, TimeUnit.MILLISECONDS);
    Authenticator authenticator =
        new Authenticator(state.sessionIndex(), clock::millis, rateLimiter, replicator);
    ManagedChannel llm =
        config.llmAddress().isEmpty()
            ? null
            : NettyChannelBuilder.forTarget(config.llmAddress(), llmCredentials(config)).build();
    EventGrpcService events = new EventGrpcService(replicator, hub, timers);
    List<BindableService> services =
        List.of(
            authenticated(
                ClientAddress.around(
                    new AccountGrpcService(
                        replicator,
                        workers,
                        config.bcryptCost(),
                        config.openRegistration(),
                        LoginThrottle.standard(config.throttleClock()))),
                authenticator),
            authenticated(new DocumentGrpcService(replicator, config.imageLimits()), authenticator),
            authenticated(
                new EditGrpcService(replicator, events, hub, rateLimiter, timers), authenticator),
            authenticated(new LockGrpcService(replicator), authenticator),
            authenticated(events, authenticator),
            authenticated(new PresenceGrpcService(replicator, hub), authenticator),
            authenticated(new HistoryGrpcService(replicator), authenticator),
            authenticated(new SharingGrpcService(replicator), authenticator),
            authenticated(new ReviewGrpcService(replicator), authenticator),
            authenticated(new AiGrpcService(replicator, llm, config.llmAddress()), authenticator),
            authenticated(
                new ClusterGrpcService(
                    replicator,
                    raft,
                    config.addresses(),
                    new BackupSource(raft, appliedCommands, clock),
                    new NodeHealth(files.fsyncHistogram(), fsyncWindow, leadership)),
                authenticator),
            peerService(config, raft, secret, hub, peerProtocols));
    ClusterWatch watch =
        new ClusterWatch(
            config.nodeId(),
            replicator,
            hub,
            // the longest a follower waits before it campaigns
            config.tick().multipliedBy(2L * raftConfig.electionTicks()));
    raft.onRoleChange(NodeLogFields.onTheRaftLoop()); // first: the watch's lines carry the term
    raft.onRoleChange(watch::roleChanged);
    var unused = timers.scheduleWithFixedDelay(watch, 50, 50, TimeUnit.MILLISECONDS);
    metrics.observe(
        raft::status,
        files.fsyncHistogram(),
        hub,
        raft::readStale,
        () -> state.counts(clock.millis()));
    raft.start();
    NodeServer server =
        NodeServer.start(
            config.listen(),
            GrpcTls.nodeServer(config.tls()),
            services,
            config.reflection(),
            callInterceptors(config.nodeId(), metrics));
    server.ready();
    return new ServerNode(
        server, raft, transport, workers, senders, timers, llm, hub, watch, events, metrics);
  }

  /**
   * Around every call: the metrics, and the request id with this node's id in the logging MDC
   * (added first, so it runs inside the metrics).
   */
  private static List<ServerInterceptor> callInterceptors(String nodeId, NodeMetrics metrics) {
    List<ServerInterceptor> interceptors = new ArrayList<>();
    interceptors.add(new RequestIdServerInterceptor(Map.of(NodeLogFields.NODE_ID, nodeId)));
    interceptors.addAll(metrics.interceptors());
    return interceptors;
  }

  /** The members other than this node, as its Raft view has them (none before it starts). */
  private static Set<String> otherMembers(RaftServer<CommandResult<?>> raft) {
    if (raft == null) {
      return Set.of();
    }
    var status = raft.status();
    Set<String> others = new java.util.HashSet<>(status.membership().all());
    others.remove(status.id());
    return others;
  }

  /**
   * The peer API: every call must carry the cluster secret and, with TLS, come with a certificate
   * from the cluster CA (interceptors run last-added first, so the certificate is checked first).
   */
  private static BindableService peerService(
      Config config,
      RaftServer<CommandResult<?>> raft,
      ClusterSecret secret,
      EventHub hub,
      PeerProtocols peerProtocols) {
    ServerServiceDefinition peer =
        ServerInterceptors.intercept(
            new RaftPeerGrpcService(
                config.nodeId(),
                config.clusterId(),
                raft::receive,
                relayed -> CursorRelay.acceptRelayed(hub, relayed),
                peerProtocols,
                1L << 30),
            secret.serverInterceptor());
    ServerServiceDefinition definition =
        config.tls() == null
            ? peer
            : ServerInterceptors.intercept(peer, new PeerCertificateCheck(config.tls().ca()));
    return () -> definition;
  }

  private static void serveMetrics(NodeMetrics metrics, Config config) throws IOException {
    if (config.metricsAddress() == null) {
      return;
    }
    try {
      metrics.serve(config.metricsAddress());
      log.info(
          "metrics at http://{}:{}/metrics",
          config.metricsAddress().isUnresolved()
              ? config.metricsAddress().getHostString()
              : config.metricsAddress().getAddress().getHostAddress(),
          metrics.port());
    } catch (IOException e) {
      if (!config.metricsBestEffort()) {
        throw new IOException(
            "cannot serve metrics at " + config.metricsAddress() + ": " + e.getMessage(), e);
      }
      log.warn(
          "no metrics: the default metrics address {} cannot be bound ({}); give"
              + " --metrics-address HOST:PORT, or --metrics-address off",
          config.metricsAddress(),
          e.getMessage());
    }
  }

  /** TLS to the LLM node, trusting its CA (the cluster CA unless told otherwise). */
  private static ChannelCredentials llmCredentials(Config config) {
    if (config.tls() == null) {
      return GrpcTls.insecureClient();
    }
    return GrpcTls.client(config.llmCa() != null ? config.llmCa() : config.tls().ca());
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
      raft.transferLeadership(successor).get(1, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      return; // stopping anyway: the others elect a leader after a timeout
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
    // Until another node leads and this one has heard from it.
    while ((raft.status().role() == dev.raftpad.raft.core.RoleName.LEADER
            || raft.status().leaderId() == null)
        && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  public int port() {
    return server.port();
  }

  /** How many Subscribe streams this node serves now. */
  public int openStreams() {
    return events.openStreams();
  }

  public RaftServer<CommandResult<?>> raft() {
    return raft;
  }

  /** The port of the metrics endpoint; -1 when the node serves none. */
  public int metricsPort() {
    return metrics.port();
  }

  /**
   * Stops the node. A leader first hands leadership to its most up-to-date voter (and waits up to
   * two seconds for it to take over), so clients see a quick hand-over instead of an election
   * timeout.
   */
  @Override
  public void close() throws Exception {
    timers.shutdownNow(); // no renewals or alerts from a node on its way out
    events.nodeStopping();
    hub.accept(watch.shuttingDown());
    handOverLeadership();
    watch.endStreams("this node is shutting down; resume at another member");
    transport.close();
    raft.close();
    server.close();
    workers.shutdownNow();
    senders.shutdown(); // after the streams ended: their last events and statuses go out
    if (llm != null) {
      llm.shutdownNow();
    }
    metrics.close();
  }
}
