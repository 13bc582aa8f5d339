package dev.raftpad.raft.storage;

import static dev.raftpad.raft.storage.TestLogs.entries;
import static dev.raftpad.raft.storage.TestLogs.lastSegment;
import static dev.raftpad.raft.storage.TestLogs.segments;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.spi.CorruptStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damage anywhere but a torn tail stops recovery loudly, naming the file and the offset. */
class CorruptionTest {
  private static final long TINY_SEGMENT = 200;
  private static final int ENTRIES = 30;

  @TempDir Path dir;

  @BeforeEach
  void writeSyncedLog() throws IOException {
    try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
      storage.recover();
      storage.append(entries(1, ENTRIES, 1));
      storage.setHardState(new HardState(1, "a", ENTRIES));
      storage.sync();
      storage.saveSnapshot(TestLogs.snapshot(3, 1, "state at 3"));
    }
    assertThat(segments(dir)).hasSizeGreaterThan(3);
  }

  @Test
  void aFlippedByteInAMiddleRecordOfTheLastSegment() throws IOException {
    Path last = lastSegment(dir);
    long middle = Segment.firstIndexOf(last) + 1;
    assertThat(middle).isLessThan(ENTRIES);
    int offset = TestLogs.recordOffset(last, middle);
    TestLogs.flipByte(last, offset + RecordFrame.HEADER_BYTES + 5);

    assertCorrupt(last).hasMessageContaining("offset " + offset).hasMessageContaining("checksum");
  }

  @Test
  void aFlippedByteInTheLastRecordOfASegmentThatIsNotLast() throws IOException {
    Path second = segments(dir).get(1);
    long lastIndex = Segment.firstIndexOf(segments(dir).get(2)) - 1;
    int offset = TestLogs.recordOffset(second, lastIndex);
    TestLogs.flipByte(second, Files.size(second) - 1);

    assertCorrupt(second).hasMessageContaining("offset " + offset).hasMessageContaining("not last");
  }

  @Test
  void aSegmentThatIsNotLastCutShort() throws IOException {
    Path second = segments(dir).get(1);
    TestLogs.truncate(second, Files.size(second) - 1);

    assertCorrupt(second).hasMessageContaining("not last");
  }

  @Test
  void aDamagedLengthThatMakesTheRestLookTornIsStillCaught() throws IOException {
    Path last = lastSegment(dir);
    int offset = TestLogs.recordOffset(last, Segment.firstIndexOf(last) + 1);
    // A plausible length far beyond the file's end: decoding alone would call it a torn tail and
    // silently drop every synced record after it.
    try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, 1 << 20), offset);
    }

    assertCorrupt(last).hasMessageContaining("offset " + offset).hasMessageContaining("intact");
  }

  @Test
  void aTornLookingTailBelowTheDurableCommitIndexIsCorruption() throws IOException {
    // The hard state (commit 30) was written only after entries up to 30 were forced: a cut in
    // entry 30 is damage to synced data, not a write that never completed.
    Path last = lastSegment(dir);
    int offset = TestLogs.recordOffset(last, ENTRIES);
    long cut = Files.size(last) - 2;
    TestLogs.truncate(last, cut);

    assertCorrupt(last)
        .hasMessageContaining("offset " + offset)
        .hasMessageContaining("hard state commits " + ENTRIES);
    assertThat(Files.size(last)).as("left as found").isEqualTo(cut);
  }

  @Test
  void aMissingLastSegmentBelowTheDurableCommitIndexIsCorruption() throws IOException {
    Path last = lastSegment(dir);
    Files.delete(last);

    assertCorrupt(lastSegment(dir)).hasMessageContaining("hard state commits " + ENTRIES);
  }

  @Test
  void anImpossibleLengthInTheLastRecord() throws IOException {
    Path last = lastSegment(dir);
    int offset = TestLogs.recordOffset(last, ENTRIES);
    try (FileChannel channel = FileChannel.open(last, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4).putInt(0, -7), offset);
    }

    assertCorrupt(last).hasMessageContaining("offset " + offset);
  }

  @Test
  void aMissingMiddleSegmentIsAGap() throws IOException {
    Files.delete(segments(dir).get(2));

    assertCorrupt(segments(dir).get(2)).hasMessageContaining("previous segment ends");
  }

  @Test
  void aDirectoryFoundCorruptIsLeftAsItWasFound() throws IOException {
    Files.delete(segments(dir).get(2));
    Path last = lastSegment(dir);
    TestLogs.truncate(last, Files.size(last) - 3); // a torn tail recovery would otherwise cut
    long size = Files.size(last);

    assertCorrupt(segments(dir).get(2));
    assertThat(Files.size(last)).isEqualTo(size);
  }

  @Test
  void aLogStartingAfterTheSnapshotIsAGap() throws IOException {
    Files.delete(segments(dir).get(0));

    assertCorrupt(segments(dir).get(0)).hasMessageContaining("snapshot covers only up to 3");
  }

  @Test
  void aSegmentWhoseNameDisagreesWithItsFirstEntry() throws IOException {
    Path second = segments(dir).get(1);
    Path renamed = second.resolveSibling(Segment.fileName(Segment.firstIndexOf(second) + 1));
    Files.move(second, renamed);

    assertCorrupt(renamed).hasMessageContaining("belongs");
  }

  @Test
  void aDamagedHardStateFile() throws IOException {
    Path hardState = dir.resolve(HardStateFile.NAME);
    TestLogs.flipByte(hardState, Files.size(hardState) - 2);

    assertCorrupt(hardState);
  }

  @Test
  void aTruncatedHardStateFile() throws IOException {
    Path hardState = dir.resolve(HardStateFile.NAME);
    TestLogs.truncate(hardState, Files.size(hardState) - 1);

    assertCorrupt(hardState);
  }

  @Test
  void damagedSnapshotData() throws IOException {
    Path snapshot = dir.resolve(SnapshotFiles.DIR).resolve(SnapshotFiles.fileName(3));
    TestLogs.flipByte(snapshot, Files.size(snapshot) - 1);

    assertCorrupt(snapshot).hasMessageContaining("checksum");
  }

  @Test
  void damagedSnapshotMetadata() throws IOException {
    Path snapshot = dir.resolve(SnapshotFiles.DIR).resolve(SnapshotFiles.fileName(3));
    TestLogs.flipByte(snapshot, RecordFrame.HEADER_BYTES + 3);

    assertCorrupt(snapshot).hasMessageContaining("metadata");
  }

  private AbstractThrowableAssert<?, ? extends Throwable> assertCorrupt(Path file) {
    return assertThatThrownBy(
            () -> {
              try (FileStorage storage = new FileStorage(dir, TINY_SEGMENT)) {
                storage.recover();
              }
            })
        .isInstanceOf(CorruptStorageException.class)
        .hasMessageContaining(file.toString());
  }
}
