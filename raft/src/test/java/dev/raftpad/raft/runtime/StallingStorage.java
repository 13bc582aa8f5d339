package dev.raftpad.raft.runtime;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage;
import java.io.IOException;
import java.util.List;

/**
 * A real storage whose {@link #sync} can be made to hang, like a disk that stalls: {@link #stall}
 * holds every sync until {@link #resume}.
 */
final class StallingStorage implements Storage {
  private final Storage disk;
  private boolean stalled;

  StallingStorage(Storage disk) {
    this.disk = disk;
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
    disk.sync();
  }

  @Override
  public Recovered recover() throws IOException {
    return disk.recover();
  }

  @Override
  public void append(List<Entry> entries) throws IOException {
    disk.append(entries);
  }

  @Override
  public void setHardState(HardState state) throws IOException {
    disk.setHardState(state);
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    disk.saveSnapshot(snapshot);
  }

  @Override
  public void writeSnapshot(Snapshot snapshot) throws IOException {
    disk.writeSnapshot(snapshot);
  }

  @Override
  public void snapshotWritten(SnapshotMeta meta) throws IOException {
    disk.snapshotWritten(meta);
  }

  @Override
  public void compact(long index) throws IOException {
    disk.compact(index);
  }

  @Override
  public void close() throws IOException {
    resume();
    disk.close();
  }
}
