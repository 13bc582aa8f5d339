package dev.raftpad.raft.storage;

import static dev.raftpad.raft.storage.TestLogs.entries;
import static dev.raftpad.raft.storage.TestLogs.snapshot;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.raft.core.HardState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A data dir is private to its user: 0700 directories, 0600 files, from the start. */
class PrivateFilesTest {
  @TempDir Path parent;

  @Test
  void everythingANodeWritesIsPrivateToItsUser() throws IOException {
    Path dataDir = parent.resolve("n1");
    PrivateFiles.secureDataDir(dataDir);
    NodeIdentity.loadOrCreate(dataDir, new NodeIdentity("n1", "c"));
    try (FileStorage storage = new FileStorage(dataDir.resolve("raft"), 200)) {
      storage.recover();
      storage.append(entries(1, 20, 1));
      storage.setHardState(new HardState(1, "n1", 20));
      storage.sync();
      storage.saveSnapshot(snapshot(10, 1, "state at 10"));
      storage.compact(10);
    }

    Map<String, String> modes = modesBelow(dataDir);

    assertThat(modes).containsEntry(".", "rwx------").containsEntry("raft", "rwx------");
    assertThat(modes.keySet())
        .anyMatch(name -> name.endsWith(".seg"))
        .anyMatch(name -> name.endsWith(".snap"))
        .anyMatch(name -> name.contains("identity"));
    modes.forEach(
        (name, mode) ->
            assertThat(mode)
                .as(name)
                .isEqualTo(Files.isDirectory(dataDir.resolve(name)) ? "rwx------" : "rw-------"));
  }

  @Test
  void aDataDirOthersCanWriteIsRefusedAndLeftAsItWas() throws IOException {
    Path dataDir = Files.createDirectory(parent.resolve("shared"));
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxrwxrwx"));

    assertThatThrownBy(() -> PrivateFiles.secureDataDir(dataDir))
        .isInstanceOf(PrivateFiles.UnsafeDataDirException.class)
        .hasMessageContaining("writable by other users")
        .hasMessageContaining("chmod 700 " + dataDir);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
        .isEqualTo("rwxrwxrwx");
  }

  @Test
  void aDataDirWrittenWithLooserModesIsTightened() throws IOException {
    Path dataDir = Files.createDirectory(parent.resolve("old"));
    Path raft = Files.createDirectory(dataDir.resolve("raft"));
    Path segment = Files.writeString(raft.resolve("00000001.seg"), "x");
    Files.setPosixFilePermissions(dataDir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(raft, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.setPosixFilePermissions(segment, PosixFilePermissions.fromString("rw-r--r--"));

    int tightened = PrivateFiles.secureDataDir(dataDir);

    assertThat(tightened).isEqualTo(3);
    assertThat(modesBelow(dataDir))
        .isEqualTo(Map.of(".", "rwx------", "raft", "rwx------", "raft/00000001.seg", "rw-------"));
    assertThat(PrivateFiles.secureDataDir(dataDir)).isZero();
  }

  private static Map<String, String> modesBelow(Path dir) throws IOException {
    Map<String, String> modes = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        String name = dir.equals(path) ? "." : dir.relativize(path).toString();
        modes.put(name, PosixFilePermissions.toString(Files.getPosixFilePermissions(path)));
      }
    }
    return modes;
  }
}
