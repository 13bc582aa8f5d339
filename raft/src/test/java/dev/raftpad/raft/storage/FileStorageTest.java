package dev.raftpad.raft.storage;

import static dev.raftpad.raft.storage.TestLogs.concat;
import static dev.raftpad.raft.storage.TestLogs.entries;
import static dev.raftpad.raft.storage.TestLogs.segments;
import static dev.raftpad.raft.storage.TestLogs.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileStorageTest {
  /** Small enough that a handful of test entries (about 50 bytes each) span several segments. */
  private static final long TINY_SEGMENT = 200;

  @TempDir Path dir;

  @Test
  void aFreshDirectoryRecoversEmpty() throws IOException {
    try (FileStorage storage = new FileStorage(dir)) {
      Recovered recovered = storage.recover();
      assertThat(recovered.hardState()).isEqualTo(HardState.INITIAL);
      assertThat(recovered.snapshot()).isNull();
      assertThat(recovered.entries()).isEmpty();
    }
  }

  @Test
  void whatWasSyncedIsRecoveredAfterReopen() throws IOException {
    HardState hardState = new HardState(3, "node-b", 7);
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      storage.append(entries(1, 5, 1));
      storage.append(entries(6, 10, 3));
      storage.setHardState(hardState);
      storage.sync();
    }

    Recovered recovered = reopen(TINY_SEGMENT);

    assertThat(recovered.hardState()).isEqualTo(hardState);
    assertThat(recovered.entries()).isEqualTo(concat(entries(1, 5, 1), entries(6, 10, 3)));
  }

  @Test
  void aHardStateWithoutVoteAndLargeDataRoundTrip() throws IOException {
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    Entry large = new Entry(1, 1, dev.raftpad.raft.core.EntryType.COMMAND, big);
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      storage.append(List.of(large, Entry.noop(2, 1)));
      storage.setHardState(new HardState(1, null, 2));
      storage.sync();
    }

    Recovered recovered = reopen(FileStorage.DEFAULT_SEGMENT_BYTES);

    assertThat(recovered.hardState()).isEqualTo(new HardState(1, null, 2));
    assertThat(recovered.entries()).containsExactly(large, Entry.noop(2, 1));
  }

  @Test
  void oneSyncIsOneFsyncHoweverManyAppendsItCovers() throws IOException {
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      storage.append(entries(1, 1, 1));
      storage.sync(); // creates the first segment: data + directory
      long before = storage.fsyncHistogram().count();

      for (long i = 2; i <= 40; i += 3) {
        storage.append(entries(i, i + 2, 1));
      }
      storage.sync();

      assertThat(storage.fsyncHistogram().count() - before).isEqualTo(1);
    }
  }

  @Test
  void theHardStateFileIsRewrittenOnlyWhenItChanged() throws IOException {
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      storage.setHardState(new HardState(2, "a", 0));
      storage.sync();
      long before = storage.fsyncHistogram().count();

      storage.setHardState(new HardState(2, "a", 0));
      storage.sync();
      assertThat(storage.fsyncHistogram().count()).isEqualTo(before);

      storage.setHardState(new HardState(2, "a", 1));
      storage.sync();
      assertThat(storage.fsyncHistogram().count())
          .as("a commit-index change alone is persisted lazily")
          .isEqualTo(before);

      storage.setHardState(new HardState(3, null, 1));
      storage.sync();
      assertThat(storage.fsyncHistogram().count())
          .as("temp file fsync + directory fsync")
          .isEqualTo(before + 2);
    }
  }

  @Test
  void segmentsRollOverPastTheSizeThreshold() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 30, 1));
      storage.sync();
      assertThat(storage.segmentCount()).isGreaterThan(5);
    }

    List<Path> files = segments(dir);
    assertThat(files).hasSizeGreaterThan(5);
    assertThat(files.getFirst().getFileName()).hasToString("00000000000000000001.seg");
    for (Path file : files.subList(0, files.size() - 1)) {
      assertThat(Files.size(file))
          .as("a segment closes on the first record that reaches the threshold")
          .isGreaterThanOrEqualTo(TINY_SEGMENT)
          .isLessThan(TINY_SEGMENT + 100);
    }
    assertThat(reopen(TINY_SEGMENT).entries()).isEqualTo(entries(1, 30, 1));
  }

  @Test
  void appendingOverAConflictingSuffixAcrossSegmentsReplacesIt() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 30, 1));
      storage.sync();
      int segmentsBefore = storage.segmentCount();
      long secondStart = Segment.firstIndexOf(segments(dir).get(1));
      assertThat(secondStart).as("index 8 sits inside the second segment").isBetween(2L, 7L);

      // Cut the second segment after 7, delete every later one, and write across new segments.
      storage.append(entries(8, 16, 2));
      storage.sync();
      assertThat(storage.segmentCount()).isBetween(3, segmentsBefore - 1);
    }

    assertThat(reopen(TINY_SEGMENT).entries())
        .isEqualTo(concat(entries(1, 7, 1), entries(8, 16, 2)));
  }

  @Test
  void overwritingFromTheFirstIndexOfASegmentDeletesThatSegment() throws IOException {
    long secondStart;
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.sync();
      secondStart = Segment.firstIndexOf(segments(dir).get(1));
      storage.append(entries(secondStart, secondStart, 4));
      storage.append(entries(secondStart + 1, secondStart + 1, 4));
      storage.sync();
    }

    assertThat(reopen(TINY_SEGMENT).entries())
        .isEqualTo(
            concat(entries(1, secondStart - 1, 1), entries(secondStart, secondStart + 1, 4)));
  }

  @Test
  void overwritingEverythingFromIndexOneLeavesOnlyTheNewEntries() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.append(entries(1, 3, 2));
      storage.sync();
    }

    assertThat(reopen(TINY_SEGMENT).entries()).isEqualTo(entries(1, 3, 2));
    assertThat(segments(dir)).hasSize(1);
  }

  @Test
  void appendsThatWouldLeaveAGapOrAreNotContiguousAreRejected() throws IOException {
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      assertThatThrownBy(() -> storage.append(entries(2, 3, 1)))
          .isInstanceOf(IllegalArgumentException.class);
      storage.append(entries(1, 3, 1));
      assertThatThrownBy(() -> storage.append(entries(5, 6, 1)))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> storage.append(List.of(Entry.noop(4, 1), Entry.noop(6, 1))))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void compactionDeletesOnlySegmentsWhollyCoveredBySnapshotAndIndex() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 30, 1));
      storage.sync();
      List<Path> before = segments(dir);
      long thirdStart = Segment.firstIndexOf(before.get(2));

      storage.compact(thirdStart);
      assertThat(segments(dir)).as("no snapshot covers anything yet").isEqualTo(before);

      storage.saveSnapshot(snapshot(thirdStart, 1, "state"));
      storage.compact(thirdStart);

      // Segments 1 and 2 end below thirdStart; segment 3 still holds entries after it.
      assertThat(segments(dir)).isEqualTo(before.subList(2, before.size()));
    }

    Recovered recovered = reopen(TINY_SEGMENT);
    assertThat(recovered.snapshot().meta().index())
        .isEqualTo(Segment.firstIndexOf(segments(dir).getFirst()));
    assertThat(recovered.entries())
        .isEqualTo(entries(recovered.snapshot().meta().index() + 1, 30, 1));
  }

  @Test
  void compactionNeverDeletesTheSegmentBeingWritten() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 30, 1));
      storage.sync();
      storage.saveSnapshot(snapshot(30, 1, "all"));
      storage.compact(30);
      assertThat(segments(dir)).hasSize(1);
      storage.append(entries(31, 32, 2));
      storage.sync();
    }

    assertThat(reopen(TINY_SEGMENT).entries()).isEqualTo(entries(31, 32, 2));
  }

  @Test
  void aSnapshotMatchingTheStoredTermKeepsTheSuffix() throws IOException {
    Membership membership = new Membership(Set.of("a", "b", "c"), Set.of("d"));
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 10, 1));
      storage.append(entries(11, 20, 2));
      storage.sync();
      storage.saveSnapshot(new Snapshot(new SnapshotMeta(12, 2, membership), bytes("state at 12")));
    }

    Recovered recovered = reopen(TINY_SEGMENT);

    assertThat(recovered.snapshot().meta()).isEqualTo(new SnapshotMeta(12, 2, membership));
    assertThat(recovered.snapshot().data()).isEqualTo(bytes("state at 12"));
    assertThat(recovered.entries())
        .as("entries at or below 12 skipped")
        .isEqualTo(entries(13, 20, 2));
  }

  @Test
  void anOwnSnapshotIsWrittenFromAnotherThreadWhileTheLogGrowsAndCountsOnceAdopted()
      throws Exception {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.sync();
      Thread writer =
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      storage.writeSnapshot(snapshot(15, 1, "own state at 15"));
                    } catch (IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  });
      for (int i = 21; i <= 60; i++) {
        storage.append(entries(i, i, 1));
        storage.sync();
      }
      writer.join();
      storage.compact(15);
      assertThat(segments(dir).getFirst().getFileName().toString())
          .as("not adopted yet: nothing compacted")
          .isEqualTo("00000000000000000001.seg");
      storage.snapshotWritten(new SnapshotMeta(15, 1, Membership.EMPTY));
      storage.compact(15);
    }

    Recovered recovered = reopen(TINY_SEGMENT);
    assertThat(recovered.snapshot().meta().index()).isEqualTo(15);
    assertThat(recovered.snapshot().data()).isEqualTo(bytes("own state at 15"));
    assertThat(recovered.entries()).isEqualTo(entries(16, 60, 1));
  }

  @Test
  void anOwnSnapshotFinishingAfterANewerInstalledOneIsDropped() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.sync();
      storage.saveSnapshot(snapshot(40, 2, "leader's state at 40"));
      storage.writeSnapshot(snapshot(15, 1, "own state at 15, written late"));
      storage.snapshotWritten(new SnapshotMeta(15, 1, Membership.EMPTY));
      storage.append(entries(41, 42, 2));
      storage.sync();
    }

    Recovered recovered = reopen(TINY_SEGMENT);
    assertThat(recovered.snapshot().data()).isEqualTo(bytes("leader's state at 40"));
    assertThat(recovered.entries()).isEqualTo(entries(41, 42, 2));
    assertThat(dir.resolve("snapshot"))
        .isDirectoryNotContaining("glob:**00000000000000000015.snap");
  }

  @Test
  void aSnapshotWhoseTermDiffersDiscardsTheWholeLog() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.sync();
      storage.saveSnapshot(snapshot(12, 3, "leader's state"));
      assertThat(segments(dir)).isEmpty();

      assertThatThrownBy(() -> storage.append(entries(12, 12, 3)))
          .as("at or below the snapshot")
          .isInstanceOf(IllegalArgumentException.class);
      storage.append(entries(13, 14, 3));
      storage.sync();
    }

    Recovered recovered = reopen(TINY_SEGMENT);
    assertThat(recovered.snapshot().meta().index()).isEqualTo(12);
    assertThat(recovered.entries()).isEqualTo(entries(13, 14, 3));
  }

  @Test
  void aSnapshotBeyondTheLogDiscardsTheWholeLog() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 5, 1));
      storage.sync();
      storage.saveSnapshot(snapshot(50, 2, "far ahead"));
      storage.append(entries(51, 52, 2));
      storage.sync();
    }

    assertThat(reopen(TINY_SEGMENT).entries()).isEqualTo(entries(51, 52, 2));
  }

  @Test
  void aNewerSnapshotReplacesTheOlderFile() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.sync();
      storage.saveSnapshot(snapshot(5, 1, "five"));
      storage.saveSnapshot(snapshot(9, 1, "nine"));
      assertThatThrownBy(() -> storage.saveSnapshot(snapshot(7, 1, "older")))
          .isInstanceOf(IllegalArgumentException.class);
    }

    try (var files = Files.list(dir.resolve(SnapshotFiles.DIR))) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactly(SnapshotFiles.fileName(9));
    }
    Recovered recovered = reopen(TINY_SEGMENT);
    assertThat(recovered.snapshot().data()).isEqualTo(bytes("nine"));
    assertThat(recovered.entries()).isEqualTo(entries(10, 20, 1));
  }

  @Test
  void afterAFailedWriteEveryLaterCallFails() throws IOException {
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      storage.append(entries(1, 3, 1));
      Path snapshots = dir.resolve(SnapshotFiles.DIR);
      Files.delete(snapshots);
      Files.writeString(snapshots, "a file where the snapshot directory belongs");

      assertThatThrownBy(() -> storage.saveSnapshot(snapshot(2, 1, "x")))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(storage::sync)
          .isInstanceOf(IOException.class)
          .hasMessageContaining("failed earlier");
      assertThatThrownBy(() -> storage.append(entries(4, 4, 1)))
          .hasMessageContaining("failed earlier");
    }
  }

  @Test
  void anEntryTooLargeForOneRecordIsRejectedBeforeAnythingIsWritten() throws IOException {
    Entry huge =
        new Entry(
            2, 1, dev.raftpad.raft.core.EntryType.COMMAND, new byte[RecordFrame.MAX_PAYLOAD_BYTES]);
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      assertThatThrownBy(() -> storage.append(List.of(Entry.noop(1, 1), huge)))
          .isInstanceOf(IllegalArgumentException.class);
      storage.append(entries(1, 2, 1));
      storage.sync();
    }

    assertThat(reopen(TINY_SEGMENT).entries()).isEqualTo(entries(1, 2, 1));
  }

  @Test
  void aSecondStorageOnTheSameDirectoryIsRefused() throws IOException {
    try (FileStorage storage = new FileStorage(dir)) {
      storage.recover();
      try (FileStorage second = new FileStorage(dir)) {
        assertThatThrownBy(second::recover).hasMessageContaining("in use");
      }
    }
  }

  private Recovered reopen(long segmentBytes) throws IOException {
    try (FileStorage storage = new FileStorage(dir, segmentBytes)) {
      return storage.recover();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
