package dev.raftpad.server.status;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.storage.FsyncHistogram;
import org.junit.jupiter.api.Test;

class FsyncWindowTest {
  private static final long SLOW = 2_000_000_000L;
  private static final long FAST = 1_000_000L;

  @Test
  void aSlowFsyncCountsUntilItsTickLeavesTheWindowThenOnlyTheRecentOnesDo() {
    FsyncHistogram fsyncs = new FsyncHistogram();
    FsyncWindow window = new FsyncWindow(fsyncs);
    for (int i = 0; i < 20; i++) { // 2 % of the window: its p99
      fsyncs.record(SLOW);
    }
    window.run();
    for (int i = 0; i < 1000; i++) {
      fsyncs.record(FAST);
    }

    assertThat(window.summary().count()).isEqualTo(1020);
    assertThat(window.summary().p99Nanos()).isGreaterThan(SLOW / 2);

    for (int tick = 1; tick < FsyncWindow.STEPS; tick++) {
      window.run();
    }
    // The mark taken just after the slow fsyncs is now the oldest: they are out of the window.
    assertThat(window.summary().count()).isEqualTo(1000);
    assertThat(window.summary().p99Nanos()).isLessThan(2 * FAST);
    assertThat(fsyncs.summary().p99Nanos()).isGreaterThan(SLOW / 2); // the lifetime figure keeps it
  }
}
