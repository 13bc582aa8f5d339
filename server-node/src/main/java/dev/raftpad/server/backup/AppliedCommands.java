package dev.raftpad.server.backup;

import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;

/**
 * A state machine that remembers the index of the last command it applied (or the snapshot it was
 * restored from), so a capture on the Raft loop knows exactly which index its state is at without
 * the raft module exposing its applied index. Entries that are not commands (a new leader's empty
 * entry, membership changes) never reach a state machine and do not change its state, so the state
 * after this index is also the state at every later index the loop has applied.
 */
public final class AppliedCommands<R> implements StateMachine<R> {
  private final StateMachine<R> machine;
  private long lastIndex; // touched only on the loop thread, like the machine itself

  public AppliedCommands(StateMachine<R> machine) {
    this.machine = machine;
  }

  @Override
  public R apply(long index, byte[] command) {
    R result = machine.apply(index, command);
    lastIndex = index;
    return result;
  }

  @Override
  public Image snapshot() {
    return machine.snapshot();
  }

  @Override
  public void restore(SnapshotMeta meta, byte[] data) {
    machine.restore(meta, data);
    lastIndex = meta.index();
  }

  /** The index whose state the machine holds. Only on the loop thread. */
  public long lastIndex() {
    return lastIndex;
  }
}
