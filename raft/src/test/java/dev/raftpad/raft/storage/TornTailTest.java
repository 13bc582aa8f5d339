package dev.raftpad.raft.storage;

import static dev.raftpad.raft.storage.TestLogs.concat;
import static dev.raftpad.raft.storage.TestLogs.copy;
import static dev.raftpad.raft.storage.TestLogs.deleteRecursively;
import static dev.raftpad.raft.storage.TestLogs.entries;
import static dev.raftpad.raft.storage.TestLogs.lastSegment;
import static dev.raftpad.raft.storage.TestLogs.segments;
import static dev.raftpad.raft.storage.TestLogs.truncate;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A crash between write and fsync leaves a torn tail; recovery cuts it and carries on. */
class TornTailTest {
  private static final long TINY_SEGMENT = 200;

  @TempDir Path temp;

  @Test
  void cuttingTheLastRecordAtEveryByteRecoversExactlyTheEarlierEntries() throws IOException {
    Path template = temp.resolve("template");
    writeLog(template, 12);
    Path last = lastSegment(template);
    assertThat(Segment.firstIndexOf(last)).as("last segment holds several records").isLessThan(12);
    int lastRecord = TestLogs.recordOffset(last, 12);
    long size = Files.size(last);

    for (int cut = lastRecord; cut < size; cut++) {
      Path dir = copy(template, temp.resolve("cut-" + cut));
      truncate(lastSegment(dir), cut);

      Recovered recovered = recover(dir);

      assertThat(recovered.entries()).as("cut at %d", cut).isEqualTo(entries(1, 11, 1));
      assertThat(recovered.hardState()).isEqualTo(new HardState(1, "a", 11));
      assertThat(Files.size(lastSegment(dir)))
          .as("truncated to the intact records")
          .isEqualTo(lastRecord);
    }
  }

  @Test
  void aLastSegmentCutInsideItsOnlyRecordIsDeleted() throws IOException {
    Path template = temp.resolve("template");
    int count = 1;
    do {
      deleteRecursively(template);
      writeLog(template, ++count);
    } while (Segment.firstIndexOf(lastSegment(template)) != count);
    long size = Files.size(lastSegment(template));
    int segmentsBefore = segments(template).size();

    for (int cut = 0; cut < size; cut++) {
      Path dir = copy(template, temp.resolve("cut-" + cut));
      truncate(lastSegment(dir), cut);

      assertThat(recover(dir).entries()).isEqualTo(entries(1, count - 1, 1));
      assertThat(segments(dir)).hasSize(segmentsBefore - 1);
    }
  }

  @Test
  void aBadChecksumInTheLastRecordWithNothingAfterItIsATornTail() throws IOException {
    Path dir = temp.resolve("data");
    writeLog(dir, 12);
    Path last = lastSegment(dir);
    int lastRecord = TestLogs.recordOffset(last, 12);
    TestLogs.flipByte(last, Files.size(last) - 3);

    assertThat(recover(dir).entries()).isEqualTo(entries(1, 11, 1));
    assertThat(Files.size(last)).isEqualTo(lastRecord);
  }

  @Test
  void zerosWhereTheLastRecordShouldBeAreATornTail() throws IOException {
    Path dir = temp.resolve("data");
    writeLog(dir, 12);
    Path last = lastSegment(dir);
    int lastRecord = TestLogs.recordOffset(last, 12);
    try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.allocate(20), Files.size(last) - 20);
      channel.write(java.nio.ByteBuffer.allocate(4096), Files.size(last));
    }

    assertThat(recover(dir).entries()).isEqualTo(entries(1, 11, 1));
    assertThat(Files.size(last)).isEqualTo(lastRecord);
  }

  @Test
  void zeroFillAfterTheLastRecordIsCutOff() throws IOException {
    Path dir = temp.resolve("data");
    writeLog(dir, 12);
    Path last = lastSegment(dir);
    long size = Files.size(last);
    try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
      channel.write(java.nio.ByteBuffer.allocate(8192), size);
    }

    assertThat(recover(dir).entries()).isEqualTo(entries(1, 12, 1));
    assertThat(Files.size(last)).isEqualTo(size);
  }

  @Test
  void anEmptyLastSegmentFromACrashDuringRolloverIsDeleted() throws IOException {
    Path dir = temp.resolve("data");
    writeLog(dir, 12);
    Path empty = dir.resolve(SegmentedLog.DIR).resolve(Segment.fileName(13));
    Files.createFile(empty);

    assertThat(recover(dir).entries()).isEqualTo(entries(1, 12, 1));
    assertThat(empty).doesNotExist();
  }

  @Test
  void leftoverTemporaryFilesFromAnInterruptedReplacementAreIgnoredAndDeleted() throws IOException {
    Path dir = temp.resolve("data");
    writeLog(dir, 12);
    Path hardStateTemp = dir.resolve(HardStateFile.NAME + AtomicFiles.TEMP_SUFFIX);
    Path snapshotTemp =
        dir.resolve(SnapshotFiles.DIR).resolve(SnapshotFiles.fileName(9) + AtomicFiles.TEMP_SUFFIX);
    Files.write(hardStateTemp, new byte[] {1, 2, 3});
    Files.write(snapshotTemp, new byte[] {4, 5, 6});

    Recovered recovered = recover(dir);

    assertThat(recovered.hardState()).isEqualTo(new HardState(1, "a", 11));
    assertThat(recovered.snapshot()).isNull();
    assertThat(hardStateTemp).doesNotExist();
    assertThat(snapshotTemp).doesNotExist();
  }

  @Test
  void afterCuttingATornTailTheLogContinuesFromTheCut() throws IOException {
    Path dir = temp.resolve("data");
    writeLog(dir, 12);
    truncate(lastSegment(dir), Files.size(lastSegment(dir)) - 5);

    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      assertThat(storage.recover().entries()).isEqualTo(entries(1, 11, 1));
      storage.append(entries(12, 20, 2));
      storage.sync();
    }

    assertThat(recover(dir).entries()).isEqualTo(concat(entries(1, 11, 1), entries(12, 20, 2)));
  }

  /**
   * A log of {@code count} entries at term 1 in tiny segments. The hard state commits all but the
   * last: these tests cut the last record as if its write had never completed.
   */
  private static void writeLog(Path dir, int count) throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, count, 1));
      storage.setHardState(new HardState(1, "a", count - 1));
      storage.sync();
    }
  }

  private static Recovered recover(Path dir) throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      return storage.recover();
    }
  }
}
