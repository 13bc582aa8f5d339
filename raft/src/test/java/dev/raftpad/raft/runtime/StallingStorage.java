package dev.raftpad.raft.runtime;

import dev.raftpad.raft.spi.ForwardingStorage;
import dev.raftpad.raft.spi.Storage;
import java.io.IOException;

/**
 * A real storage whose {@link #sync} can be made to hang, like a disk that stalls: {@link #stall}
 * holds every sync until {@link #resume}.
 */
final class StallingStorage extends ForwardingStorage {
  private boolean stalled;

  StallingStorage(Storage disk) {
    super(disk);
  }

  synchronized void stall() {
    stalled = true;
  }

  synchronized void resume() {
    stalled = false;
    notifyAll();
  }

  @Override
  public void sync() throws IOException {
    synchronized (this) {
      while (stalled) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while the disk stalled", e);
        }
      }
    }
    super.sync();
  }

  @Override
  public void close() throws IOException {
    resume();
    super.close();
  }
}
