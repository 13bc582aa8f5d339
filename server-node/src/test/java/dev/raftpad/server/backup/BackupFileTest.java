package dev.raftpad.server.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.raft.core.Membership;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backup file's layout: what is written reads back, and every damage is named in one line. */
class BackupFileTest {
  @TempDir Path dir;

  private static BackupFile sample() {
    byte[] state = "some state bytes\n\nwith blank lines".getBytes(StandardCharsets.UTF_8);
    return new BackupFile(
        new BackupHeader(
            "prod",
            4711,
            3,
            new Membership(Set.of("n1", "n2", "n3"), Set.of("n4")),
            Instant.parse("2026-12-06T17:52:03.114Z"),
            state.length),
        state);
  }

  private Path written(byte[] bytes) throws Exception {
    Path file = dir.resolve("b.backup");
    Files.write(file, bytes);
    return file;
  }

  @Test
  void whatIsWrittenReadsBack() throws Exception {
    BackupFile backup = sample();
    BackupFile read = BackupFile.read(written(backup.toBytes()));
    assertThat(read.header()).isEqualTo(backup.header());
    assertThat(read.state()).isEqualTo(backup.state());
  }

  @Test
  void theHeaderIsTextAnOperatorCanRead() {
    String text = new String(sample().toBytes(), StandardCharsets.UTF_8);
    assertThat(text)
        .startsWith(
            "RAFTPAD-BACKUP 1\ncluster.id=prod\nindex=4711\nterm=3\nvoters=n1,n2,n3\nlearners=n4\n"
                + "created=2026-12-06T17:52:03.114Z\nstate.bytes=");
    assertThat(text).containsPattern("\nsha256=[0-9a-f]{64}\n$");
  }

  @Test
  void aTruncatedFileIsRefusedAsTruncated() throws Exception {
    byte[] bytes = sample().toBytes();
    Path file = written(Arrays.copyOf(bytes, bytes.length - 10));
    assertThatThrownBy(() -> BackupFile.read(file))
        .isInstanceOf(BadBackupException.class)
        .hasMessageContaining("is truncated: " + (bytes.length - 10) + " bytes of " + bytes.length);
  }

  @Test
  void aFileCutInsideItsHeaderIsRefused() throws Exception {
    Path file = written(Arrays.copyOf(sample().toBytes(), 40));
    assertThatThrownBy(() -> BackupFile.read(file))
        .isInstanceOf(BadBackupException.class)
        .hasMessageContaining("truncated or damaged");
  }

  @Test
  void aChangedByteFailsTheChecksum() throws Exception {
    byte[] bytes = sample().toBytes();
    int inState = new String(bytes, StandardCharsets.UTF_8).indexOf("some state");
    bytes[inState] ^= 1;
    Path file = written(bytes);
    assertThatThrownBy(() -> BackupFile.read(file))
        .isInstanceOf(BadBackupException.class)
        .hasMessageContaining("SHA-256 checksum does not match");
  }

  @Test
  void bytesAfterTheEndAreRefused() throws Exception {
    byte[] bytes = sample().toBytes();
    Path file = written(Arrays.copyOf(bytes, bytes.length + 3));
    assertThatThrownBy(() -> BackupFile.read(file))
        .isInstanceOf(BadBackupException.class)
        .hasMessageContaining("3 bytes after its end");
  }

  @Test
  void aNewerLayoutIsRefusedNamingBothVersions() throws Exception {
    String text = new String(sample().toBytes(), StandardCharsets.ISO_8859_1);
    Path file =
        written(
            text.replaceFirst("RAFTPAD-BACKUP 1", "RAFTPAD-BACKUP 2")
                .getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> BackupFile.read(file))
        .isInstanceOf(BadBackupException.class)
        .hasMessageContaining("is in backup format 2; this server reads format 1");
  }

  @Test
  void somethingElseIsNotABackup() throws Exception {
    Path file = written("hello".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BackupFile.read(file))
        .isInstanceOf(BadBackupException.class)
        .hasMessageEndingWith("is not a Raftpad backup file");
    assertThatThrownBy(() -> BackupFile.read(dir.resolve("missing")))
        .isInstanceOf(BadBackupException.class)
        .hasMessageStartingWith("no backup file");
  }
}
