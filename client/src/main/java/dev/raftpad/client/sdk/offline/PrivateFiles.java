package dev.raftpad.client.sdk.offline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The offline store's file rules: its directory is 0700 and every file 0600 (the user's unsent
 * typing is nobody else's business), and a file is replaced atomically — written to a temporary
 * file, forced to disk, renamed over the old one, and the directory forced — so a crash or a full
 * disk leaves either the old copy or the new one, never half of one.
 */
final class PrivateFiles {
  private static final Set<PosixFilePermission> DIRECTORY =
      PosixFilePermissions.fromString("rwx------");
  private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

  private PrivateFiles() {}

  /** Creates {@code dir} (and its parents) 0700, or makes an existing one 0700. */
  static void directory(Path dir) throws IOException {
    if (!posix()) {
      Files.createDirectories(dir);
      return;
    }
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY));
    }
    Files.setPosixFilePermissions(dir, DIRECTORY);
  }

  /** Replaces {@code file} with {@code bytes} atomically and durably, 0600. */
  static void write(Path file, byte[] bytes) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Path temp = dir.resolve(file.getFileName() + ".tmp");
    Files.deleteIfExists(temp); // a crash's leftover
    try (FileChannel out =
        posix()
            ? FileChannel.open(
                temp,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                PosixFilePermissions.asFileAttribute(FILE))
            : FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    } catch (IOException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    try {
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.deleteIfExists(temp);
      throw e;
    }
    forceDirectory(dir);
  }

  /** Opens (creating it 0600) a file that is only ever locked, never written. */
  static FileChannel openLockFile(Path file) throws IOException {
    Set<StandardOpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    return posix()
        ? FileChannel.open(file, options, PosixFilePermissions.asFileAttribute(FILE))
        : FileChannel.open(file, options);
  }

  /** Deletes {@code file} if it is there, durably. */
  static void delete(Path file) throws IOException {
    if (Files.deleteIfExists(file)) {
      forceDirectory(file.toAbsolutePath().getParent());
    }
  }

  /** Makes a rename or delete in {@code dir} durable (where the platform can open a directory). */
  private static void forceDirectory(Path dir) throws IOException {
    if (!posix()) {
      return;
    }
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
