package dev.raftpad.raft.spi;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import java.io.IOException;
import java.util.List;

/**
 * Durable storage of one node's Raft state: hard state, log entries and the latest snapshot.
 *
 * <p>Obligations of an implementation:
 *
 * <ul>
 *   <li>Calls never overlap, except {@link #writeSnapshot}, which a background thread calls while
 *       the others go on. They come from the runtime's loop thread, or from its log writer (a
 *       leader's appends, {@link #setHardState} of a commit index, and {@link #sync}) while the
 *       loop leaves storage alone; each hand-over between the two is a happens-before edge.
 *   <li>{@link #append} and {@link #setHardState} may buffer; nothing is durable until {@link
 *       #sync} returns. {@code sync} makes everything written before it durable with as few fsyncs
 *       as possible (group commit: one per batch, not one per entry).
 *   <li>{@link #saveSnapshot} is durable on return (write to a temporary file, fsync, rename, fsync
 *       the directory), and so is the hard state once synced (atomic file replacement, never a
 *       partially written file).
 *   <li>{@link #recover} truncates a torn tail (a record cut short by a crash) but throws {@link
 *       CorruptStorageException} on damage anywhere else: never silent loss of acknowledged data.
 *   <li>It survives kill -9 at any instant: after a crash, {@code recover} returns a state that
 *       includes everything that was synced.
 * </ul>
 */
public interface Storage extends AutoCloseable {

  /** What a node finds on disk when it starts. */
  record Recovered(HardState hardState, Snapshot snapshot, List<Entry> entries) {
    /**
     * @param snapshot the latest snapshot, or {@code null} if none was ever saved
     * @param entries the contiguous entries after the snapshot's index (or from index 1)
     */
    public Recovered {
      entries = List.copyOf(entries);
    }
  }

  /** Reads the stored state. Called once, before any other method. */
  Recovered recover() throws IOException;

  /**
   * Appends entries. If an entry with the first new entry's index (or later) is stored, those
   * stored entries are discarded first (a follower overwriting a conflicting suffix). The first new
   * index must be at most the last stored index + 1. Not durable until {@link #sync}.
   */
  void append(List<Entry> entries) throws IOException;

  /**
   * Records the hard state. Term and vote are durable once {@link #sync} returns; the commit index
   * may be persisted lazily (an older one is recovered after a crash, which is safe: the node
   * relearns it from the leader). The commit index never exceeds the last appended index.
   */
  void setHardState(HardState state) throws IOException;

  /**
   * Makes everything appended or set so far durable (the commit index possibly excepted, see {@link
   * #setHardState}). After any {@link IOException} the storage is unusable: the runtime stops the
   * node rather than retry, since a retried fsync can report success for lost data.
   */
  void sync() throws IOException;

  /**
   * Durably stores a snapshot, replacing an older one. Stored entries up to its index are no longer
   * needed. Entries after it are kept only if the stored entry at the snapshot's index has the
   * snapshot's term; otherwise every stored entry is discarded (paper Fig. 13, step 6–7).
   */
  void saveSnapshot(Snapshot snapshot) throws IOException;

  /**
   * Durably stores a snapshot of this node's own applied state, taken at an index its log holds (so
   * every stored entry stays). Called from a background thread while the loop keeps calling the
   * other methods: it writes only the snapshot's own files, and a snapshot older than one stored
   * meanwhile (an installed one) is dropped. It counts for {@link #compact} only once the loop
   * calls {@link #snapshotWritten}.
   */
  void writeSnapshot(Snapshot snapshot) throws IOException;

  /**
   * The loop learns that {@link #writeSnapshot} stored {@code meta}'s snapshot: from now on it is
   * the stored snapshot, unless a newer one was saved meanwhile.
   */
  void snapshotWritten(SnapshotMeta meta) throws IOException;

  /**
   * Allows discarding entries up to and including {@code index}, which a saved snapshot covers. An
   * implementation may keep some of them longer (e.g. until a whole segment can be deleted).
   */
  void compact(long index) throws IOException;

  @Override
  void close() throws IOException;
}
