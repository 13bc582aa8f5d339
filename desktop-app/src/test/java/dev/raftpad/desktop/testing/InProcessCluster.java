package dev.raftpad.desktop.testing;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.server.ServerNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

/** Server nodes over real gRPC on loopback with real data dirs, for the desktop's tests. */
public final class InProcessCluster implements AutoCloseable {
  public static final String SECRET = "a-cluster-secret-of-some-length";

  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final Map<String, ServerNode> nodes = new ConcurrentHashMap<>();
  private final Path root;
  private final Set<String> founders;
  private final String llmAddress;

  private InProcessCluster(Path root, Set<String> founders, String llmAddress) {
    this.root = root;
    this.founders = founders;
    this.llmAddress = llmAddress;
  }

  /** Nodes n1..n{size}; {@code llmAddress} may be null (AI then answers LLM_UNAVAILABLE). */
  public static InProcessCluster start(Path root, int size, String llmAddress) throws Exception {
    Set<String> founders = new LinkedHashSet<>();
    for (int i = 1; i <= size; i++) {
      founders.add("n" + i);
    }
    InProcessCluster cluster = new InProcessCluster(root, Set.copyOf(founders), llmAddress);
    for (String id : founders) {
      cluster.startNode(id);
    }
    cluster.leaderId();
    return cluster;
  }

  public void startNode(String id) throws Exception {
    ServerNode node =
        ServerNode.start(
            ServerNode.Config.builder()
                .nodeId(id)
                .clusterId("desktop-test")
                .secret(SECRET)
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .dataDir(root.resolve(id))
                .addresses(addresses)
                .founders(founders)
                .tick(Duration.ofMillis(20))
                .bcryptCost(4)
                .snapshotEvery(10_000)
                .llmAddress(llmAddress == null ? "" : llmAddress)
                .build());
    nodes.put(id, node);
    addresses.put(id, "127.0.0.1:" + node.port());
  }

  public void stopNode(String id) throws Exception {
    nodes.remove(id).close();
  }

  public String leaderId() {
    return Poll.until(
        "a leader",
        () ->
            nodes.entrySet().stream()
                .filter(e -> e.getValue().raft().status().role() == RoleName.LEADER)
                .map(Map.Entry::getKey)
                .findFirst()
                .orElse(null));
  }

  /** Every member's address, comma-separated: what a user types into the sign-in form. */
  public String seeds() {
    return founders.stream().sorted().map(addresses::get).collect(Collectors.joining(","));
  }

  /** A client with short timeouts whose events run on {@code events}. */
  public RaftpadClient client(Executor events) {
    return RaftpadClient.connect(SeedAddresses.parse(seeds()), options().withEventExecutor(events));
  }

  public static ClientOptions options() {
    return ClientOptions.defaults()
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20))
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
        .withOfflineAfter(Duration.ofSeconds(5));
  }

  @Override
  public void close() throws Exception {
    for (ServerNode node : nodes.values()) {
      node.close();
    }
    nodes.clear();
  }
}
