package dev.raftpad.desktop.testing;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.time.Duration;
import java.util.concurrent.Executor;

/** SDK clients as the desktop tests use them: short timeouts, events on a chosen executor. */
public final class TestClients {
  private TestClients() {}

  /** A client of {@code cluster} whose events run on {@code events}. */
  public static RaftpadClient client(InProcessCluster cluster, Executor events) {
    return RaftpadClient.connect(
        SeedAddresses.parse(cluster.seeds()), options().withEventExecutor(events));
  }

  /** Short timeouts and backoff, so a test sees an outage in seconds, not minutes. */
  public static ClientOptions options() {
    return ClientOptions.defaults()
        .withTrustedCa(TestTls.trustedCa())
        .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20))
        .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300))
        .withOfflineAfter(Duration.ofSeconds(5));
  }
}
