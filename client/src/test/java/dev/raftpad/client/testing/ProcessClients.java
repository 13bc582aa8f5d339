package dev.raftpad.client.testing;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.testkit.process.NodeProcesses;
import java.time.Duration;

/**
 * A client of a cluster of real node processes: all their addresses as seeds, trusting the run's
 * CA, with a short backoff so that it finds a new leader quickly after a node is killed or
 * replaced.
 */
public final class ProcessClients {
  private ProcessClients() {}

  /**
   * @param attempt how long one call may take at one node
   * @param total how long a call is retried over the members
   */
  public static RaftpadClient connect(NodeProcesses nodes, Duration attempt, Duration total) {
    return RaftpadClient.connect(
        SeedAddresses.parse(nodes.seeds()),
        ClientOptions.defaults()
            .withTrustedCa(nodes.caFile())
            .withTimeouts(attempt, total)
            .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500)));
  }
}
