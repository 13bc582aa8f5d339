package dev.raftpad.server.metrics;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage;
import java.io.IOException;
import java.util.List;

/**
 * A {@link Storage} that times what the Raft runtime waits on — each durable sync of the log, each
 * snapshot written or installed — and passes every call through unchanged. Measuring around the SPI
 * keeps the raft module free of any metrics library.
 */
final class MeasuredStorage implements Storage {
  private final Storage storage;
  private final StorageMetrics metrics;

  MeasuredStorage(Storage storage, StorageMetrics metrics) {
    this.storage = storage;
    this.metrics = metrics;
  }

  @Override
  public Recovered recover() throws IOException {
    return storage.recover();
  }

  @Override
  public void append(List<Entry> entries) throws IOException {
    storage.append(entries);
  }

  @Override
  public void setHardState(HardState state) throws IOException {
    storage.setHardState(state);
  }

  @Override
  public void sync() throws IOException {
    long start = System.nanoTime();
    storage.sync();
    metrics.synced(System.nanoTime() - start);
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    long start = System.nanoTime();
    storage.saveSnapshot(snapshot);
    metrics.snapshotStored(StorageMetrics.SnapshotOrigin.INSTALLED, snapshot, start);
  }

  @Override
  public void writeSnapshot(Snapshot snapshot) throws IOException {
    long start = System.nanoTime();
    storage.writeSnapshot(snapshot);
    metrics.snapshotStored(StorageMetrics.SnapshotOrigin.TAKEN, snapshot, start);
  }

  @Override
  public void snapshotWritten(SnapshotMeta meta) throws IOException {
    storage.snapshotWritten(meta);
  }

  @Override
  public void compact(long index) throws IOException {
    storage.compact(index);
  }

  @Override
  public void close() throws IOException {
    storage.close();
  }
}
