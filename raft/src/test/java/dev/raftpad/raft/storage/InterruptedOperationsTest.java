package dev.raftpad.raft.storage;

import static dev.raftpad.raft.storage.TestLogs.entries;
import static dev.raftpad.raft.storage.TestLogs.segments;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A crash in the middle of a multi-step operation leaves one of its intermediate states on disk;
 * each must recover to a valid log. The states are built by hand, one step short of the end.
 */
class InterruptedOperationsTest {
  private static final long TINY_SEGMENT = 200;

  @TempDir Path temp;
  private Path dir;

  @BeforeEach
  void writeLog() throws IOException {
    dir = temp.resolve("data");
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, 30, 1));
      storage.sync();
    }
  }

  @Test
  void snapshotSavedButConflictingLogNotYetDiscarded() throws IOException {
    // saveSnapshot writes the snapshot first, then deletes the segments: crash in between.
    Path other = temp.resolve("other");
    try (FileStorage storage = new FileStorage(other, TINY_SEGMENT)) {
      storage.recover();
      storage.saveSnapshot(TestLogs.snapshot(12, 3, "leader's state"));
    }
    String name = SnapshotFiles.fileName(12);
    Files.copy(
        other.resolve(SnapshotFiles.DIR).resolve(name),
        dir.resolve(SnapshotFiles.DIR).resolve(name));

    Recovered recovered = recover();

    assertThat(recovered.snapshot().meta().index()).isEqualTo(12);
    assertThat(recovered.entries()).as("term 1 at 12 conflicts with the snapshot's 3").isEmpty();
    assertThat(segments(dir)).as("recovery finished the discard").isEmpty();
  }

  @Test
  void newSnapshotDurableButOlderOneNotYetDeleted() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.saveSnapshot(TestLogs.snapshot(20, 1, "twenty"));
    }
    Path other = temp.resolve("other");
    try (FileStorage storage = new FileStorage(other, TINY_SEGMENT)) {
      storage.recover();
      storage.saveSnapshot(TestLogs.snapshot(10, 1, "ten"));
    }
    String older = SnapshotFiles.fileName(10);
    Files.copy(
        other.resolve(SnapshotFiles.DIR).resolve(older),
        dir.resolve(SnapshotFiles.DIR).resolve(older));

    Recovered recovered = recover();

    assertThat(recovered.snapshot().meta().index()).isEqualTo(20);
    assertThat(recovered.entries()).isEqualTo(entries(21, 30, 1));
    assertThat(dir.resolve(SnapshotFiles.DIR).resolve(older)).doesNotExist();
  }

  @Test
  void compactionThatDeletedOnlySomeSegments() throws IOException {
    long thirdStart;
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      thirdStart = Segment.firstIndexOf(segments(dir).get(2));
      storage.saveSnapshot(TestLogs.snapshot(thirdStart + 1, 1, "state"));
    }
    Files.delete(segments(dir).getFirst()); // the first of two deletions

    Recovered recovered = recover();

    assertThat(recovered.entries()).isEqualTo(entries(thirdStart + 2, 30, 1));
  }

  @Test
  void truncationThatDeletedLaterSegmentsButDidNotCutTheStraddlingOne() throws IOException {
    List<Path> files = segments(dir);
    long thirdEnd = Segment.firstIndexOf(files.get(3)) - 1;
    for (Path later : files.subList(3, files.size()).reversed()) {
      Files.delete(later); // newest first, as truncation does
    }

    assertThat(recover().entries()).isEqualTo(entries(1, thirdEnd, 1));
  }

  private Recovered recover() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      return storage.recover();
    }
  }
}
