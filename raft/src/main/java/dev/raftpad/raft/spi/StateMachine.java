package dev.raftpad.raft.spi;

import dev.raftpad.raft.core.SnapshotMeta;

/**
 * The replicated state machine. Obligations:
 *
 * <ul>
 *   <li>Deterministic: the same commands in the same order give the same state and results on every
 *       node. No clocks, no randomness, no network, no reading of anything but the command and its
 *       own state (time arrives inside the command).
 *   <li>Called only from the runtime loop thread, so it needs no locking for that; reads served
 *       through the runtime run on that thread too.
 *   <li>Must not block: it is on the path of every write.
 * </ul>
 *
 * @param <R> the result of applying a command, handed to whoever proposed it
 */
public interface StateMachine<R> {

  /**
   * Applies one committed command at {@code index}. Must not throw for any input it can judge: a
   * bad command is refused as a result, alike on every replica. The one exception is a command this
   * node cannot read at all (a newer format): it throws, and the loop stops there rather than
   * diverge from replicas that can.
   */
  R apply(long index, byte[] command);

  /**
   * Captures the whole state as of the last applied index, for log compaction. It runs on the loop
   * thread, between two applies, so it should only capture (references to copy-on-write or
   * append-only structures, copies of what is small): the returned image is encoded afterwards on
   * another thread while apply goes on, and must encode exactly the state at the capture.
   */
  Image snapshot();

  /** Replaces the whole state with a snapshot's (a node that fell behind the compacted log). */
  void restore(SnapshotMeta meta, byte[] data);

  /**
   * A state captured by {@link #snapshot()}, not yet encoded. {@link #encode} is called once, on a
   * thread other than the loop's (or on the loop thread itself in deterministic tests).
   */
  @FunctionalInterface
  interface Image {
    /** The snapshot's bytes, as {@link #restore} reads them. */
    byte[] encode();
  }
}
