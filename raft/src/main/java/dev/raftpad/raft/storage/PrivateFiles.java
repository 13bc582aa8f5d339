package dev.raftpad.raft.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The one rule for a data dir's permissions: it holds every document and every session hash, so
 * only the node's own user may read it — directories 0700, files 0600, set as they are created
 * (never widened by the umask, never briefly readable). A data dir that other users can write is
 * refused, since they could plant or swap the log; one written by an older version with looser
 * modes is tightened when the node starts. On a file system without POSIX permissions this is a
 * no-op.
 */
public final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WRITABLE_BY_OTHERS =
      EnumSet.of(PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);
  private static final boolean POSIX =
      FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private PrivateFiles() {}

  /** Thrown when a data dir is writable by users other than its owner. */
  public static final class UnsafeDataDirException extends IOException {
    private static final long serialVersionUID = 1L;

    UnsafeDataDirException(String message) {
      super(message);
    }
  }

  /**
   * Makes {@code dataDir} private before a node uses it: creates it 0700 when missing, refuses it
   * when group or others may write it, and tightens whatever is below it to 0700/0600.
   *
   * @return how many files and directories had looser modes and were tightened
   */
  public static int secureDataDir(Path dataDir) throws IOException {
    if (!POSIX) {
      Files.createDirectories(dataDir);
      return 0;
    }
    if (!Files.exists(dataDir)) {
      createDirectories(dataDir);
      return 0;
    }
    Set<PosixFilePermission> modes = Files.getPosixFilePermissions(dataDir);
    if (modes.stream().anyMatch(WRITABLE_BY_OTHERS::contains)) {
      throw new UnsafeDataDirException(
          "the data dir "
              + dataDir
              + " is writable by other users (mode "
              + PosixFilePermissions.toString(modes)
              + "); run: chmod 700 "
              + dataDir);
    }
    int tightened = 0;
    try (Stream<Path> everything = Files.walk(dataDir)) {
      for (Path path : (Iterable<Path>) everything::iterator) {
        if (Files.isSymbolicLink(path)) {
          continue; // its target's mode is not ours to change
        }
        Set<PosixFilePermission> wanted = Files.isDirectory(path) ? DIRECTORY : FILE;
        if (!Files.getPosixFilePermissions(path).equals(wanted)) {
          Files.setPosixFilePermissions(path, wanted);
          tightened++;
        }
      }
    }
    return tightened;
  }

  /** Creates {@code dir} and any missing parents with mode 0700. */
  static void createDirectories(Path dir) throws IOException {
    if (POSIX) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    } else {
      Files.createDirectories(dir);
    }
  }

  /** Opens a file, creating it with mode 0600 if the options say so. */
  static FileChannel open(Path file, OpenOption... options) throws IOException {
    return POSIX
        ? FileChannel.open(file, Set.of(options), fileMode())
        : FileChannel.open(file, options);
  }

  private static FileAttribute<Set<PosixFilePermission>> fileMode() {
    return PosixFilePermissions.asFileAttribute(FILE);
  }
}
