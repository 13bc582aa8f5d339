package dev.raftpad.raft.spi;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import java.io.IOException;
import java.util.List;

/**
 * A {@link Storage} that passes every call to another one unchanged: a decorator (metrics around
 * the calls, a test's stalling disk) extends it and overrides only the calls it adds to. It keeps
 * every obligation of the storage it wraps.
 */
public abstract class ForwardingStorage implements Storage {
  private final Storage delegate;

  protected ForwardingStorage(Storage delegate) {
    this.delegate = delegate;
  }

  @Override
  public Recovered recover() throws IOException {
    return delegate.recover();
  }

  @Override
  public void append(List<Entry> entries) throws IOException {
    delegate.append(entries);
  }

  @Override
  public void setHardState(HardState state) throws IOException {
    delegate.setHardState(state);
  }

  @Override
  public void sync() throws IOException {
    delegate.sync();
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) throws IOException {
    delegate.saveSnapshot(snapshot);
  }

  @Override
  public void writeSnapshot(Snapshot snapshot) throws IOException {
    delegate.writeSnapshot(snapshot);
  }

  @Override
  public void snapshotWritten(SnapshotMeta meta) throws IOException {
    delegate.snapshotWritten(meta);
  }

  @Override
  public void compact(long index) throws IOException {
    delegate.compact(index);
  }

  @Override
  public void close() throws IOException {
    delegate.close();
  }
}
