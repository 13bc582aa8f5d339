package dev.raftpad.raft.sim;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * In-memory storage that behaves like a disk under a crash: writes not yet synced are lost, except
 * that a random prefix of them may have reached the platter (writes land in order). Snapshots are
 * durable on return, as the SPI requires.
 */
final class SimStorage implements Storage {
  /** What survives a crash. */
  private static final class Disk {
    HardState hardState = HardState.INITIAL;
    Snapshot snapshot;
    List<Entry> entries = new ArrayList<>(); // contiguous, after the snapshot

    Disk copy() {
      Disk d = new Disk();
      d.hardState = hardState;
      d.snapshot = snapshot;
      d.entries = new ArrayList<>(entries);
      return d;
    }

    void append(List<Entry> newEntries) {
      long first = newEntries.getFirst().index();
      long base = snapshot == null ? 0 : snapshot.meta().index();
      entries.removeIf(e -> e.index() >= first);
      for (Entry e : newEntries) {
        if (e.index() > base) {
          entries.add(e);
        }
      }
    }
  }

  private sealed interface Write {
    record Append(List<Entry> entries) implements Write {}

    record SetHardState(HardState state) implements Write {}
  }

  private Disk durable = new Disk();
  private final List<Write> unsynced = new ArrayList<>();
  long syncs;

  /** Simulates a crash: unsynced writes are lost, but a random prefix of them may survive. */
  void crash(RandomGenerator random) {
    int survive = unsynced.isEmpty() ? 0 : random.nextInt(unsynced.size() + 1);
    for (Write write : unsynced.subList(0, survive)) {
      applyTo(durable, write);
    }
    unsynced.clear();
  }

  private static void applyTo(Disk disk, Write write) {
    switch (write) {
      case Write.Append a -> disk.append(a.entries());
      case Write.SetHardState h -> disk.hardState = h.state();
    }
  }

  @Override
  public Recovered recover() {
    return new Recovered(durable.hardState, durable.snapshot, List.copyOf(durable.entries));
  }

  @Override
  public void append(List<Entry> entries) {
    unsynced.add(new Write.Append(List.copyOf(entries)));
  }

  @Override
  public void setHardState(HardState state) {
    unsynced.add(new Write.SetHardState(state));
  }

  @Override
  public void sync() {
    for (Write write : unsynced) {
      applyTo(durable, write);
    }
    unsynced.clear();
    syncs++;
  }

  @Override
  public void saveSnapshot(Snapshot snapshot) {
    // Unsynced writes before it land first (they were issued first).
    sync();
    Disk next = durable.copy();
    long index = snapshot.meta().index();
    boolean keepSuffix =
        next.entries.stream()
            .anyMatch(e -> e.index() == index && e.term() == snapshot.meta().term());
    if (keepSuffix) {
      next.entries.removeIf(e -> e.index() <= index);
    } else {
      next.entries.clear();
    }
    next.snapshot = snapshot;
    durable = next;
  }

  /**
   * Durable at once (the simulation runs it as one event, some time after the capture); dropped
   * when a newer snapshot was installed meanwhile, as the file storage does.
   */
  @Override
  public void writeSnapshot(Snapshot snapshot) {
    long index = snapshot.meta().index();
    if (durable.snapshot != null && durable.snapshot.meta().index() >= index) {
      return;
    }
    if (durable.entries.stream()
        .noneMatch(e -> e.index() == index && e.term() == snapshot.meta().term())) {
      throw new IllegalStateException(
          "own snapshot " + snapshot.meta() + " not in the durable log");
    }
    Disk next = durable.copy();
    next.entries.removeIf(e -> e.index() <= index);
    next.snapshot = snapshot;
    durable = next;
  }

  @Override
  public void snapshotWritten(SnapshotMeta meta) {
    // saveSnapshot already made it the stored one.
  }

  @Override
  public void compact(long index) {
    // Entries up to the snapshot were already dropped by saveSnapshot; nothing else to do.
  }

  @Override
  public void close() {}
}
