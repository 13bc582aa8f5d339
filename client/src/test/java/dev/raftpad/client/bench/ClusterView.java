package dev.raftpad.client.bench;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.testkit.process.NodeProcesses;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Each node's own view of the cluster, asked through a client pinned to that node (no redirects),
 * so the benchmark can find the leader and read the terms. A node that does not answer has no view.
 */
final class ClusterView implements AutoCloseable {
  private final NodeProcesses nodes;
  private final String token;
  private final Map<String, RaftpadClient> pinned = new HashMap<>();

  ClusterView(NodeProcesses nodes, String token) {
    this.nodes = nodes;
    this.token = token;
  }

  Optional<ClusterStatus> status(String id) {
    RaftpadClient client =
        pinned.computeIfAbsent(
            id,
            node -> {
              RaftpadClient c =
                  RaftpadClient.connect(
                      SeedAddresses.parse(nodes.address(node)),
                      ClientOptions.defaults()
                          .withTrustedCa(nodes.caFile())
                          .withTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1))
                          .pinnedToFirstSeed());
              c.useToken(token);
              return c;
            });
    try {
      return Optional.of(client.cluster().status());
    } catch (RaftpadException e) {
      return Optional.empty();
    }
  }

  /** The node that says it leads, if one does. */
  Optional<String> leader() {
    for (String id : nodes.ids()) {
      Optional<ClusterStatus> status = status(id);
      if (status.isPresent() && status.get().answeredByLeader()) {
        return Optional.of(id);
      }
    }
    return Optional.empty();
  }

  /** The highest term any answering node is in. */
  OptionalLong maxTerm() {
    return nodes.ids().stream()
        .map(this::status)
        .flatMap(Optional::stream)
        .mapToLong(ClusterStatus::term)
        .max();
  }

  /**
   * Whether every node answers, agrees on one leader and term, and has applied what the leader had
   * committed when asked.
   */
  boolean settled() {
    Optional<String> leader = leader();
    if (leader.isEmpty()) {
      return false;
    }
    Optional<ClusterStatus> leaderStatus = status(leader.get());
    if (leaderStatus.isEmpty()) {
      return false;
    }
    for (String id : nodes.ids()) {
      Optional<ClusterStatus> status = status(id);
      if (status.isEmpty()
          || status.get().term() != leaderStatus.get().term()
          || !status.get().leaderId().equals(leader)
          || status.get().appliedIndex() < leaderStatus.get().commitIndex()) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    pinned.values().forEach(RaftpadClient::close);
  }
}
