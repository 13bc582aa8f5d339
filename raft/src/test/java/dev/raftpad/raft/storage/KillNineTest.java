package dev.raftpad.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real process appends and syncs until it is killed with SIGKILL; whatever it reported as synced
 * must be there after recovery, in a contiguous log. Several rounds on the same directory, so each
 * round also recovers from the previous kill.
 */
class KillNineTest {
  private static final int ROUNDS = 4;
  private static final long SEGMENT_BYTES = 4096;

  @TempDir Path temp;

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void everyIndexReportedSyncedSurvivesKillNine() throws Exception {
    Path dir = temp.resolve("data");
    long reported = 0;
    for (int round = 0; round < ROUNDS; round++) {
      // Later rounds let the child run longer, so kills fall at different points.
      reported = Math.max(reported, runAndKill(dir, 30 + round * 29));

      try (FileStorage storage = new FileStorage(dir, SEGMENT_BYTES)) {
        Recovered recovered = storage.recover();
        long snapshotIndex = recovered.snapshot() == null ? 0 : recovered.snapshot().meta().index();
        if (recovered.snapshot() != null) {
          assertThat(recovered.snapshot().data()).isEqualTo(KillNineChild.dataOf(snapshotIndex));
        }
        List<Entry> entries = recovered.entries();
        long expected = snapshotIndex + 1;
        for (Entry entry : entries) {
          assertThat(entry.index()).as("contiguous after the snapshot").isEqualTo(expected++);
          assertThat(entry.data()).isEqualTo(KillNineChild.dataOf(entry.index()));
        }
        long last = entries.isEmpty() ? snapshotIndex : entries.getLast().index();
        assertThat(last)
            .as("round %d: every reported index is stored", round)
            .isGreaterThanOrEqualTo(reported);
        assertThat(recovered.hardState().commit()).isLessThanOrEqualTo(last);
      }
    }
  }

  /**
   * Starts the child on {@code dir}, reads {@code lines} synced indexes, kills it.
   *
   * @return the highest index it reported as synced
   */
  private long runAndKill(Path dir, int lines) throws IOException, InterruptedException {
    Path stderr = temp.resolve("child-stderr.txt");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                KillNineChild.class.getName(),
                dir.toString(),
                Long.toString(SEGMENT_BYTES))
            .redirectError(stderr.toFile())
            .start();
    long highest = 0;
    try (BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String ready = out.readLine();
      if (ready == null || !ready.startsWith("ready ")) {
        fail("child did not start: " + ready + "\n" + Files.readString(stderr));
      }
      for (int i = 0; i < lines; i++) {
        String line = out.readLine();
        if (line == null) {
          fail("child exited early:\n" + Files.readString(stderr));
        }
        highest = Long.parseLong(line);
      }
      child.destroyForcibly();
      child.waitFor();
    } finally {
      child.destroyForcibly();
    }
    return highest;
  }
}
