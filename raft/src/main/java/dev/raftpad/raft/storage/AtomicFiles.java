package dev.raftpad.raft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Whole-file replacement that a crash can never leave half done: write a temporary sibling, fsync
 * it, rename it over the target, fsync the directory. After a crash a reader finds either the old
 * file or the new one, plus at worst a stale temporary file to delete.
 */
final class AtomicFiles {
  /** Suffix of the temporary sibling; recovery deletes any file that carries it. */
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Replaces {@code target} with exactly the given bytes, durably, before returning. */
  static void replace(Path target, Fsync fsync, ByteBuffer... contents) throws IOException {
    Path temp = temporaryFor(target);
    try (FileChannel channel =
        PrivateFiles.open(
            temp,
            StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE)) {
      for (ByteBuffer content : contents) {
        while (content.hasRemaining()) {
          channel.write(content);
        }
      }
      fsync.file(channel);
    }
    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsync.directory(target.getParent());
  }

  /** The temporary sibling {@link #replace} writes first. */
  static Path temporaryFor(Path target) {
    return target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
  }

  /**
   * Deletes temporary files a crash left in {@code dir}: they were never renamed into place, so
   * they hold nothing that was durable.
   *
   * @return whether anything was deleted (the caller then fsyncs the directory)
   */
  static boolean deleteLeftovers(Path dir) throws IOException {
    boolean deleted = false;
    try (var files = Files.newDirectoryStream(dir, "*" + TEMP_SUFFIX)) {
      for (Path leftover : files) {
        deleted |= Files.deleteIfExists(leftover);
      }
    }
    return deleted;
  }
}
