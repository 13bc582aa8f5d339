package dev.raftpad.raft.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive OS lock on {@code <dataDir>/LOCK}, held while a storage is open, so that two nodes
 * (or two processes of one node) can never write the same log. The OS drops it when the process
 * dies, even by kill -9, so a crash never leaves a stale lock behind.
 */
final class DataDirLock implements AutoCloseable {
  static final String NAME = "LOCK";

  private final FileChannel channel;
  private final FileLock lock;

  private DataDirLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
  }

  static DataDirLock acquire(Path dataDir) throws IOException {
    Path path = dataDir.resolve(NAME);
    FileChannel channel =
        PrivateFiles.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock = null;
    try {
      lock = channel.tryLock();
    } catch (OverlappingFileLockException e) {
      // Held by another storage in this same JVM: the same answer as another process holding it.
    } finally {
      if (lock == null) {
        channel.close();
      }
    }
    if (lock == null) {
      throw new IOException(dataDir + " is in use by another storage (" + path + " is locked)");
    }
    return new DataDirLock(channel, lock);
  }

  @Override
  public void close() throws IOException {
    try (channel) {
      lock.release();
    }
  }
}
