package dev.raftpad.client.sdk;

import dev.raftpad.raft.core.RoleName;
import dev.raftpad.server.ServerNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Three real server nodes in this JVM, over gRPC on loopback with real data directories (as
 * server-node's own cluster tests start them): tick 20 ms, bcrypt cost 4.
 */
public final class InProcessCluster implements AutoCloseable {
  static final List<String> IDS = List.of("n1", "n2", "n3");

  private final Path root;
  private final Map<String, String> addresses = new ConcurrentHashMap<>();
  private final Map<String, Integer> ports = new ConcurrentHashMap<>();
  private final Map<String, ServerNode> nodes = new ConcurrentHashMap<>();

  public InProcessCluster(Path root) throws Exception {
    this.root = root;
    for (String id : IDS) {
      start(id);
    }
  }

  void start(String id) throws Exception {
    ServerNode node =
        ServerNode.start(
            ServerNode.Config.builder()
                .nodeId(id)
                .clusterId("sdk-test")
                .secret("a-cluster-secret-of-some-length")
                .listen(
                    new InetSocketAddress(
                        InetAddress.getLoopbackAddress(), ports.getOrDefault(id, 0)))
                .dataDir(root.resolve(id))
                .addresses(addresses)
                .founders(Set.copyOf(IDS))
                .tick(Duration.ofMillis(20))
                .bcryptCost(4)
                .snapshotEvery(10_000)
                .build());
    nodes.put(id, node);
    ports.put(id, node.port());
    addresses.put(id, "127.0.0.1:" + node.port());
  }

  /** Stops a node (a leader hands over first, as a real shutdown does). */
  public void stop(String id) throws Exception {
    ServerNode node = nodes.remove(id);
    if (node != null) {
      node.close();
    }
  }

  public String address(String id) {
    return addresses.get(id);
  }

  public String seeds() {
    return String.join(",", IDS.stream().map(addresses::get).toList());
  }

  /** The id of the running node that leads, once there is one. */
  public String leader() {
    return Poll.value(
        "a leader",
        Duration.ofSeconds(30),
        () -> {
          for (var e : nodes.entrySet()) {
            if (e.getValue().raft().status().role() == RoleName.LEADER) {
              return e.getKey();
            }
          }
          return null;
        });
  }

  /** A running node that is not the leader. */
  public String follower() {
    String leader = leader();
    return nodes.keySet().stream()
        .filter(id -> !id.equals(leader))
        .sorted()
        .findFirst()
        .orElseThrow();
  }

  @Override
  public void close() throws Exception {
    for (String id : List.copyOf(nodes.keySet())) {
      stop(id);
    }
  }
}
