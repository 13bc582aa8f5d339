package dev.raftpad.server.metrics;

import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.spi.ForwardingStorage;
import dev.raftpad.raft.spi.Storage;
import java.io.IOException;

/**
 * A {@link Storage} that times what the Raft runtime waits on — each durable sync of the log, each
 * snapshot written or installed — and passes every call through unchanged. Measuring around the SPI
 * keeps the raft module free of any metrics library.
 */
final class MeasuredStorage extends ForwardingStorage {
  private final StorageMetrics metrics;

  MeasuredStorage(Storage storage, StorageMetrics metrics) {
    super(storage);
    this.metrics = metrics;
  }

  @Override
  public void sync() throws IOException {
    long start = System.nanoTime();
    super.sync();
    metrics.synced(System.nanoTime() - start);
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    long start = System.nanoTime();
    super.saveSnapshot(snapshot);
    metrics.snapshotStored(StorageMetrics.SnapshotOrigin.INSTALLED, snapshot, start);
  }

  @Override
  public void writeSnapshot(Snapshot snapshot) throws IOException {
    long start = System.nanoTime();
    super.writeSnapshot(snapshot);
    metrics.snapshotStored(StorageMetrics.SnapshotOrigin.TAKEN, snapshot, start);
  }
}
