package dev.raftpad.raft.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RaftConfig;
import dev.raftpad.raft.storage.FileStorage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When a node snapshots: every N entries, and with growth also no sooner than the log since the
 * last snapshot is as big as it (a state that keeps its history, like the journal here, would
 * otherwise cost O(n²) in snapshots).
 */
class SnapshotPolicyTest {
  @TempDir Path root;

  @Test
  void withoutGrowthASnapshotIsTakenEveryNEntries() throws IOException {
    List<Long> taken = snapshotsWhileProposing(new NodeDriver.SnapshotPolicy(10, 0), 400);

    assertThat(taken).hasSizeGreaterThanOrEqualTo(35);
    assertThat(taken).allMatch(index -> index % 10 <= 1); // the bootstrap entry shifts one
  }

  @Test
  void withGrowthAStateThatKeepsItsHistoryIsSnapshotAtDoublings() throws IOException {
    List<Long> taken = snapshotsWhileProposing(new NodeDriver.SnapshotPolicy(10, 0, 1.0), 400);

    assertThat(taken).hasSizeBetween(4, 8);
    for (int i = 1; i < taken.size(); i++) {
      assertThat(taken.get(i))
          .as("snapshot %d at %s", i, taken)
          .isGreaterThanOrEqualTo(taken.get(i - 1) * 3 / 2);
    }
  }

  @Test
  void aPolicyOutOfRangeIsRefused() {
    assertThatThrownBy(() -> new NodeDriver.SnapshotPolicy(0, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeDriver.SnapshotPolicy(10, 0, -1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NodeDriver.SnapshotPolicy(10, 0, Double.NaN))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** A one-node cluster proposing {@code commands}; the indexes at which snapshots were stored. */
  private List<Long> snapshotsWhileProposing(NodeDriver.SnapshotPolicy policy, int commands)
      throws IOException {
    List<Long> taken = new ArrayList<>();
    try (FileStorage storage = new FileStorage(root)) {
      NodeDriver<String> driver =
          NodeDriver.open(
              "n1",
              RaftConfig.defaults(),
              new SplittableRandom(1),
              storage,
              message -> {},
              new RaftServerTest.Journal(),
              Membership.ofVoters("n1"),
              policy);
      while (!driver.node().isLeader()) {
        driver.tick();
        driver.process();
      }
      for (int i = 0; i < commands; i++) {
        var unused = driver.propose(("command " + i).getBytes(StandardCharsets.UTF_8));
        driver.process();
        long latest = latestSnapshot();
        if (latest > 0 && (taken.isEmpty() || taken.getLast() != latest)) {
          taken.add(latest);
        }
      }
    }
    return taken;
  }

  private long latestSnapshot() throws IOException {
    try (Stream<Path> files = Files.list(root.resolve("snapshot"))) {
      return files
          .map(file -> file.getFileName().toString())
          .filter(name -> name.endsWith(".snap"))
          .mapToLong(name -> Long.parseLong(name.substring(0, name.length() - ".snap".length())))
          .max()
          .orElse(0);
    }
  }
}
