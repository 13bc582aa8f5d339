package dev.raftpad.raft.storage;

import static dev.raftpad.raft.storage.TestLogs.concat;
import static dev.raftpad.raft.storage.TestLogs.entries;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash between write and fsync, simulated with {@link DiskImage}: whatever the disk kept of the
 * unsynced writes, recovery returns every synced entry and then a prefix of the unsynced ones.
 */
class CrashSimulationTest {
  private static final long SMALL_SEGMENT = 512;

  /** One batch: how many entries, how big their data, and whether sync follows. */
  record Batch(int entries, int dataBytes, boolean sync, boolean newTerm) {}

  @Property(tries = 25)
  void everySyncedEntrySurvivesACrashAndNothingElseAppears(
      @ForAll("workloads") List<Batch> workload, @ForAll Random random) throws IOException {
    Path root = Files.createTempDirectory("crash-sim");
    try {
      Path dir = root.resolve("live");
      List<Entry> written = new ArrayList<>();
      int syncedCount = 0;
      HardState syncedHardState = HardState.INITIAL;
      HardState hardState = HardState.INITIAL;
      DiskImage synced;
      try (FileStorage storage = new FileStorage(dir, SMALL_SEGMENT)) {
        storage.recover();
        synced = DiskImage.capture(dir);
        long term = 1;
        for (Batch batch : workload) {
          term += batch.newTerm() ? 1 : 0;
          List<Entry> entries = batch(written.size() + 1, batch, term, random);
          storage.append(entries);
          written.addAll(entries);
          hardState = new HardState(term, "n" + term, syncedCount);
          storage.setHardState(hardState);
          if (batch.sync()) {
            storage.sync();
            synced = DiskImage.capture(dir);
            syncedCount = written.size();
            syncedHardState = hardState;
          }
        }
        DiskImage live = DiskImage.capture(dir);

        for (int crash = 0; crash < 4; crash++) {
          Path crashed = root.resolve("crash-" + crash);
          DiskImage.afterCrash(synced, live, random).writeTo(crashed);
          Recovered recovered;
          try (FileStorage restarted = new FileStorage(crashed, SMALL_SEGMENT)) {
            recovered = restarted.recover();
          }

          assertThat(recovered.entries().size()).isBetween(syncedCount, written.size());
          assertThat(recovered.entries()).isEqualTo(written.subList(0, recovered.entries().size()));
          // Term and vote are durable at sync; the commit index may lag (it is persisted lazily)
          // but never runs ahead of what was synced.
          assertThat(recovered.hardState().term()).isIn(syncedHardState.term(), hardState.term());
          assertThat(recovered.hardState().votedFor())
              .isIn(syncedHardState.votedFor(), hardState.votedFor());
          assertThat(recovered.hardState().commit()).isLessThanOrEqualTo(hardState.commit());
        }
      }
    } finally {
      TestLogs.deleteRecursively(root);
    }
  }

  @Provide
  Arbitrary<List<Batch>> workloads() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 12),
            Arbitraries.integers().between(0, 120),
            Arbitraries.integers().between(0, 2).map(n -> n > 0),
            Arbitraries.integers().between(0, 5).map(n -> n == 0))
        .as(Batch::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(12);
  }

  private static List<Entry> batch(long first, Batch batch, long term, Random random) {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < batch.entries(); i++) {
      byte[] data = new byte[batch.dataBytes()];
      random.nextBytes(data);
      entries.add(new Entry(first + i, term, EntryType.COMMAND, data));
    }
    return entries;
  }

  @TempDir Path temp;

  @Test
  void aCrashAfterOverwritingASuffixNeverBringsTheOldSuffixBack() throws IOException {
    Path dir = temp.resolve("live");
    int cutFrom;
    Path segment;
    try (FileStorage storage = new FileStorage(dir, 200)) {
      storage.recover();
      storage.append(entries(1, 30, 1));
      storage.sync();
      // Overwrite from 8 (inside the second segment) with two entries that fit in it; no sync.
      segment = TestLogs.segments(dir).get(1);
      cutFrom = TestLogs.recordOffset(segment, 8);
      storage.append(entries(8, 9, 2));
    }
    DiskImage live = DiskImage.capture(dir);
    long size = Files.size(segment);

    for (long cut = cutFrom; cut <= size; cut++) {
      Path crashed = temp.resolve("crash-" + cut);
      live.writeTo(crashed);
      TestLogs.truncate(crashed.resolve(dir.relativize(segment)), cut);

      List<Entry> recovered = recover(crashed).entries();

      List<Entry> expected = concat(entries(1, 7, 1), entries(8, 9, 2));
      assertThat(recovered.size()).as("cut at %d", cut).isBetween(7, 9);
      assertThat(recovered).isEqualTo(expected.subList(0, recovered.size()));
    }
  }

  @Test
  void aFullSegmentIsForcedWhenTheNextOneStartsAndTheNewNameAtSync() throws IOException {
    try (FileStorage storage = new FileStorage(temp, 200)) {
      storage.recover();
      storage.append(entries(1, 4, 1));
      storage.sync();
      long before = storage.fsyncHistogram().count();

      storage.append(entries(5, 7, 1)); // crosses 200 bytes: rolls over once, no sync

      assertThat(TestLogs.segments(temp)).hasSize(2);
      assertThat(storage.fsyncHistogram().count() - before)
          .as("the full segment's data; its name was already durable")
          .isEqualTo(1);

      storage.sync();
      assertThat(storage.fsyncHistogram().count() - before)
          .as("then sync: the new segment's data and its name in the directory")
          .isEqualTo(3);
    }
  }

  private static Recovered recover(Path dir) throws IOException {
    try (FileStorage storage = new FileStorage(dir, 200)) {
      return storage.recover();
    }
  }
}
