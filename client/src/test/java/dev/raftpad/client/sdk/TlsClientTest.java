package dev.raftpad.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.TrustedCa;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SDK over TLS: trusting the cluster's CA it works; trusting another CA it is refused, and the
 * failure says the TLS handshake failed rather than only "io exception".
 */
class TlsClientTest {
  @TempDir static Path root;
  static InProcessCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(InProcessCluster.settings(root).withSize(1));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static ClientOptions quick() {
    return ClientOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Test
  void aClientTrustingTheClusterCaSignsIn() {
    try (RaftpadClient client =
        RaftpadClient.connect(
            SeedAddresses.parse(cluster.seeds()), quick().withTrustedCa(TestTls.caFile()))) {
      client.register("ada", "a-long-password", "Ada");
      assertThat(client.login("ada", "a-long-password", "test").token()).isNotEmpty();
    }
  }

  @Test
  void aClientTrustingAnotherCaIsRefusedWithAReasonAboutTls() {
    TrustedCa stranger = TrustedCa.of(List.of(TestTls.foreignCa().certificate()));
    try (RaftpadClient client =
        RaftpadClient.connect(
            SeedAddresses.parse(cluster.seeds()), quick().withTrustedCa(stranger))) {
      RaftpadException refused =
          catchThrowableOfType(
              RaftpadException.class, () -> client.register("bob", "a-long-password", "Bob"));
      assertThat(refused.reason()).isEqualTo(RaftpadException.Reason.UNAVAILABLE);
      assertThat(refused.getMessage()).contains("TLS handshake failed");
    }
  }
}
