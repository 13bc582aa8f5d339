package dev.raftpad.raft.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Every fsync the storage does goes through here, so that each one is timed into the same {@link
 * FsyncHistogram}.
 */
final class Fsync {
  private final FsyncHistogram histogram;

  Fsync(FsyncHistogram histogram) {
    this.histogram = histogram;
  }

  /**
   * Flushes a file's data to the device. {@code force(false)} is fdatasync on Linux: it also
   * flushes the file size, the only metadata needed to read the data back, and skips timestamps.
   */
  void file(FileChannel channel) throws IOException {
    long start = System.nanoTime();
    channel.force(false);
    histogram.record(System.nanoTime() - start);
  }

  /**
   * Makes the creations, renames and deletions of entries in a directory durable. Without it a file
   * renamed into place, or a new segment, can vanish in a crash although its data was synced.
   */
  void directory(Path dir) throws IOException {
    long start = System.nanoTime();
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (AccessDeniedException e) {
      // Windows cannot open a directory as a file; there NTFS journals metadata itself. On the
      // platforms we run (Linux) this branch is never taken, and a real error still propagates.
      if (!System.getProperty("os.name", "").startsWith("Windows")) {
        throw e;
      }
      return;
    }
    histogram.record(System.nanoTime() - start);
  }
}
