package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.server.metrics.MetricsDefaults;
import dev.raftpad.server.testing.InProcessCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where a node serves metrics: an address given explicitly must be bound or the node does not
 * start; the default address is best effort (a node never fails to start over it); off is off.
 */
class MetricsAddressTest {
  @TempDir Path dir;

  @Test
  void aTakenExplicitAddressStopsTheNodeBeforeItStarts() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      ServerNode.Config config = config("n1").metricsAddress(address(taken.getLocalPort())).build();

      assertThatThrownBy(() -> ServerNode.start(config))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot serve metrics at");
    }
  }

  @Test
  void aTakenDefaultAddressLeavesTheNodeRunningWithoutMetrics() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        ServerNode node =
            ServerNode.start(
                config("n1").defaultMetricsAddress(address(taken.getLocalPort())).build())) {
      assertThat(node.port()).isPositive();
      assertThat(node.metricsPort()).isEqualTo(-1);
    }
  }

  @Test
  void withoutAnAddressNothingIsServed() throws Exception {
    try (ServerNode node = ServerNode.start(config("n1").build())) {
      assertThat(node.metricsPort()).isEqualTo(-1);
    }
  }

  @Test
  void theDefaultPortIsTheGrpcPortPlusAThousand() {
    assertThat(MetricsDefaults.portBeside(7001)).isEqualTo(8001);
    assertThat(MetricsDefaults.portBeside(65_000)).isEqualTo(64_000);
    assertThat(MetricsDefaults.portBeside(0)).isZero();
  }

  private ServerNode.Config.Builder config(String id) {
    Map<String, String> addresses = new ConcurrentHashMap<>();
    return ServerNode.Config.builder()
        .insecure()
        .nodeId(id)
        .clusterId("metrics")
        .secret(InProcessCluster.SECRET)
        .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .dataDir(dir.resolve(id))
        .addresses(addresses)
        .founders(Set.of(id))
        .tick(Duration.ofMillis(20))
        .bcryptCost(4);
  }

  private static InetSocketAddress address(int port) {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
  }
}
