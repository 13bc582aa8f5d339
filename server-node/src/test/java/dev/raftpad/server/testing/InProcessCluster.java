package dev.raftpad.server.testing;

import dev.raftpad.raft.core.RoleName;
import dev.raftpad.server.ServerNode;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.TlsMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The one in-process cluster fixture of the build: real server nodes in this JVM, over gRPC on
 * loopback, each with a real data directory (fsync and all) under {@code root}. Server-node's own
 * tests use it directly; the client, desktop and packaging tests through server-node's test-jar.
 * Fast settings (tick 20 ms, bcrypt cost 4); a restarted node comes back on its old port, as a real
 * node restarted by systemd would.
 */
public final class InProcessCluster implements AutoCloseable {
  /** The peer secret of every fixture cluster. */
  public static final String SECRET = "a-cluster-secret-of-some-length";

  private final Settings settings;
  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, ServerNode> nodes = new ConcurrentHashMap<>();
  private final Map<String, TlsMaterial> tlsOverrides = new ConcurrentHashMap<>();

  /** How the fixture runs its nodes. */
  public record Settings(
      Path root,
      int size,
      String clusterId,
      String llmAddress,
      boolean openRegistration,
      long snapshotEvery,
      LongSupplier throttleClock,
      boolean tls,
      boolean metrics) {
    /** The founders' ids, n1..n{size}. */
    public List<String> ids() {
      return IntStream.rangeClosed(1, size).mapToObj(i -> "n" + i).toList();
    }

    public Settings withSize(int size) {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          tls,
          metrics);
    }

    public Settings withLlmAddress(String llmAddress) {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          tls,
          metrics);
    }

    public Settings withOpenRegistration(boolean openRegistration) {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          tls,
          metrics);
    }

    /**
     * A snapshot exactly every {@code snapshotEvery} entries, whatever its size (small values make
     * tests go through snapshot installs); 0, the default, keeps the node's own policy.
     */
    public Settings withSnapshotEvery(long snapshotEvery) {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          tls,
          metrics);
    }

    /**
     * Plaintext on every link, as with {@code --insecure}; the default is TLS with the test CA
     * ({@code TestTls}), which clients must trust.
     */
    public Settings withPlaintext() {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          false,
          metrics);
    }

    /** Every node serves Prometheus metrics on a free loopback port ({@code metricsPort()}). */
    public Settings withMetrics() {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          tls,
          true);
    }

    /** The clock of every node's sign-in throttle: a test advances it instead of sleeping. */
    public Settings withThrottleClock(LongSupplier throttleClock) {
      return new Settings(
          root,
          size,
          clusterId,
          llmAddress,
          openRegistration,
          snapshotEvery,
          throttleClock,
          tls,
          metrics);
    }
  }

  /**
   * Three nodes, no LLM node, open registration, a snapshot every 10,000 entries, the sign-in
   * throttle on the system clock, TLS with the test CA's node certificate ({@code TestTls}).
   */
  public static Settings settings(Path root) {
    return new Settings(root, 3, "test-cluster", "", true, 0, System::nanoTime, true, false);
  }

  private InProcessCluster(Settings settings) {
    this.settings = settings;
  }

  /** Starts three founding nodes with the default settings and waits for a leader. */
  public static InProcessCluster start(Path root) throws Exception {
    return start(settings(root));
  }

  /** Starts the founding nodes n1..n{size} and waits for a leader. */
  public static InProcessCluster start(Settings settings) throws Exception {
    InProcessCluster cluster = new InProcessCluster(settings);
    try {
      for (String id : settings.ids()) {
        cluster.startNode(id);
      }
      cluster.leaderId();
      return cluster;
    } catch (Exception | AssertionError e) {
      cluster.close();
      throw e;
    }
  }

  /** Starts node {@code id}, or restarts it from its data directory on its old port. */
  public ServerNode startNode(String id) throws Exception {
    ServerNode node = start(id, Set.copyOf(settings.ids()));
    addresses.put(id, "127.0.0.1:" + node.port());
    return node;
  }

  /**
   * Starts a node that is not a founder: it joins (learns the membership from the leader) once an
   * admin adds it, and its address enters the shared book when that change is applied.
   */
  public ServerNode startJoiningNode(String id) throws Exception {
    return start(id, Set.of());
  }

  private ServerNode start(String id, Set<String> founders) throws Exception {
    ServerNode.Config.Builder config = ServerNode.Config.builder();
    if (settings.tls()) {
      config.tls(tlsOverrides.getOrDefault(id, TestTls.node()));
    } else {
      config.insecure();
    }
    if (settings.metrics()) {
      config.metricsAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    }
    if (settings.snapshotEvery() > 0) {
      config.snapshotEvery(settings.snapshotEvery()).snapshotGrowth(0);
    }
    ServerNode node =
        ServerNode.start(
            config
                .nodeId(id)
                .clusterId(settings.clusterId())
                .secret(SECRET)
                .listen(
                    new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), ports.getOrDefault(id, 0)))
                .dataDir(settings.root().resolve(id))
                .addresses(addresses)
                .founders(founders)
                .tick(Duration.ofMillis(20))
                .bcryptCost(4)
                .throttleClock(settings.throttleClock())
                .llmAddress(settings.llmAddress())
                .openRegistration(settings.openRegistration())
                .build());
    nodes.put(id, node);
    ports.put(id, node.port());
    return node;
  }

  /**
   * The certificate, key and CA node {@code id} runs with from its next start on, instead of the
   * test CA's node certificate (certificate rotation tests).
   */
  public void useTls(String id, TlsMaterial material) {
    tlsOverrides.put(id, material);
  }

  /** Stops node {@code id} (a leader hands over first, as on SIGTERM); no-op when stopped. */
  public void stopNode(String id) throws Exception {
    ServerNode node = nodes.remove(id);
    if (node != null) {
      node.close();
    }
  }

  /** The running node {@code id}. */
  public ServerNode node(String id) {
    ServerNode node = nodes.get(id);
    if (node == null) {
      throw new IllegalStateException(id + " is not running");
    }
    return node;
  }

  /** The founders' ids, n1..n{size}, running or not. */
  public List<String> ids() {
    return settings.ids();
  }

  /** The ids of the running nodes. */
  public Set<String> running() {
    return Set.copyOf(nodes.keySet());
  }

  /** The id of the running node that leads, once there is one (waits up to {@link Await#WAIT}). */
  public String leaderId() {
    return Await.value(
        "a leader",
        () ->
            nodes.entrySet().stream()
                .filter(e -> e.getValue().raft().status().role() == RoleName.LEADER)
                .map(Map.Entry::getKey)
                .sorted()
                .findFirst()
                .orElse(null));
  }

  /** A running node that does not lead. */
  public String aFollowerId() {
    String leader = leaderId();
    return nodes.keySet().stream()
        .filter(id -> !id.equals(leader))
        .sorted()
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no running follower"));
  }

  /** Whether the nodes serve TLS (with the test CA, {@code TestTls}) or plaintext. */
  public boolean tls() {
    return settings.tls();
  }

  /** host:port of node {@code id} (kept after it stops). */
  public String address(String id) {
    return addresses.get(id);
  }

  /** The address book every node shares (live: a node started later appears in it). */
  public Map<String, String> addresses() {
    return addresses;
  }

  /** Every founder's address, comma-separated: what a user types as the servers. */
  public String seeds() {
    return settings.ids().stream().map(addresses::get).collect(Collectors.joining(","));
  }

  @Override
  public void close() throws Exception {
    for (String id : List.copyOf(nodes.keySet())) {
      stopNode(id);
    }
  }
}
