package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * {@link Storage} in a data directory of plain files:
 *
 * <pre>
 * dataDir/
 *   LOCK                              held while open (an OS file lock)
 *   hardstate                         term, vote, commit: one CRC32C record, replaced atomically
 *   wal/00000000000000000001.seg      segments of framed entry records, named by first index
 *   snapshot/00000000000000000120.snap  the latest snapshot: metadata record + CRC'd data
 * </pre>
 *
 * <p>{@link #sync} is the group commit: one fdatasync of the segment being written for everything
 * appended since the previous sync, a directory fsync only if a segment was created, then the hard
 * state file only if it changed (log first, so a durable commit index never points past the durable
 * log).
 *
 * <p>Like the {@link Storage} contract says, the loop thread uses it, and a background thread
 * writes the node's own snapshots ({@link #writeSnapshot}); {@link #fsyncHistogram()} may be read
 * from any.
 */
public final class FileStorage implements Storage {
  /** Segment size used when none is given: big enough that rollover fsyncs are rare. */
  public static final long DEFAULT_SEGMENT_BYTES = 64L * 1024 * 1024;

  /** Largest segment size accepted: record offsets inside a segment are kept as {@code int}s. */
  public static final long MAX_SEGMENT_BYTES = 1024L * 1024 * 1024;

  private final Path dataDir;
  private final FsyncHistogram fsyncHistogram = new FsyncHistogram();
  private final Fsync fsync = new Fsync(fsyncHistogram);
  private final HardStateFile hardStateFile;
  private final SnapshotFiles snapshotFiles;
  private final SegmentedLog log;

  private DataDirLock lock;
  // Volatile: the snapshot writer's thread reads them (everything else is the loop's alone).
  private volatile boolean recovered;
  private volatile boolean closed;

  /**
   * The first failure of a write path. After it the files and this object's view of them may
   * disagree, and after a failed fsync the kernel may already have dropped the unwritten pages (so
   * a retried fsync would "succeed" without them): the only safe way on is a restart and recovery.
   */
  private volatile Exception failure;

  private HardState durableHardState = HardState.INITIAL;
  private HardState hardState = HardState.INITIAL;
  private SnapshotMeta snapshot = SnapshotMeta.NONE;

  /** A storage in {@code dataDir} with {@link #DEFAULT_SEGMENT_BYTES}; no I/O until recover. */
  public FileStorage(Path dataDir) {
    this(dataDir, DEFAULT_SEGMENT_BYTES);
  }

  /**
   * A storage in {@code dataDir}, created if missing when {@link #recover} runs.
   *
   * @param segmentBytes a segment is closed and a new one started once it holds this many bytes
   */
  public FileStorage(Path dataDir, long segmentBytes) {
    if (segmentBytes < 1 || segmentBytes > MAX_SEGMENT_BYTES) {
      throw new IllegalArgumentException(
          "segment size " + segmentBytes + " not in [1, " + MAX_SEGMENT_BYTES + "]");
    }
    this.dataDir = dataDir.toAbsolutePath();
    this.hardStateFile = new HardStateFile(this.dataDir, fsync);
    this.snapshotFiles = new SnapshotFiles(this.dataDir, fsync);
    this.log = new SegmentedLog(this.dataDir, segmentBytes, fsync);
  }

  /** Fsync latencies of this storage (WAL, directories, hard state, snapshots); thread-safe. */
  public FsyncHistogram fsyncHistogram() {
    return fsyncHistogram;
  }

  @Override
  public Recovered recover() throws IOException {
    if (recovered || closed) {
      throw new IllegalStateException("recover is called once, first");
    }
    createDurably(dataDir);
    lock = DataDirLock.acquire(dataDir);
    try {
      if (AtomicFiles.deleteLeftovers(dataDir)) {
        fsync.directory(dataDir);
      }
      createDurably(dataDir.resolve(SegmentedLog.DIR));
      createDurably(dataDir.resolve(SnapshotFiles.DIR));
      durableHardState = hardStateFile.read();
      hardState = durableHardState;
      snapshotFiles.prepare();
      Snapshot latest = snapshotFiles.readLatest();
      snapshot = latest == null ? SnapshotMeta.NONE : latest.meta();
      List<Entry> entries = log.recover(snapshot, durableHardState.commit());
      recovered = true;
      return new Recovered(hardState, latest, entries);
    } catch (IOException | RuntimeException e) {
      closeQuietly(e);
      throw e;
    }
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if the entries are not contiguous, would leave a gap, or would
   *     overwrite an entry the snapshot covers (those are committed)
   */
  @Override
  public void append(List<Entry> entries) throws IOException {
    requireUsable();
    if (entries.isEmpty()) {
      return;
    }
    for (int i = 0; i < entries.size(); i++) {
      if (i > 0 && entries.get(i).index() != entries.get(i - 1).index() + 1) {
        throw new IllegalArgumentException("entries not contiguous: " + entries);
      }
      if (EntryCodec.payloadSize(entries.get(i)) > RecordFrame.MAX_PAYLOAD_BYTES) {
        throw new IllegalArgumentException("entry too large for one record: " + entries.get(i));
      }
    }
    long first = entries.getFirst().index();
    long next = log.isEmpty() ? snapshot.index() + 1 : log.lastIndex() + 1;
    if (first <= snapshot.index() || first > next) {
      throw new IllegalArgumentException(
          "cannot append from "
              + first
              + ": the snapshot ends at "
              + snapshot.index()
              + " and the next index is "
              + next);
    }
    writing(() -> log.append(entries));
  }

  @Override
  public void setHardState(HardState state) throws IOException {
    requireUsable();
    hardState = Objects.requireNonNull(state);
  }

  @Override
  public void sync() throws IOException {
    requireUsable();
    writing(
        () -> {
          log.sync();
          // Term and vote must be durable before a vote or an append is answered; the commit
          // index need not be (a restarted node relearns it from the leader), so a change of the
          // commit index alone rides along with the next term or vote change instead of costing
          // three more fsyncs (temp file, rename, directory) on nearly every batch.
          if (hardState.term() != durableHardState.term()
              || !Objects.equals(hardState.votedFor(), durableHardState.votedFor())) {
            hardStateFile.write(hardState);
            durableHardState = hardState;
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>The snapshot is durable before any entry is discarded, so a crash in between leaves the old
   * log next to the new snapshot; recovery applies the same rule and finishes the discard.
   *
   * @throws IllegalArgumentException if the snapshot is older than the stored one
   */
  @Override
  public void saveSnapshot(Snapshot newSnapshot) throws IOException {
    requireUsable();
    SnapshotMeta meta = newSnapshot.meta();
    if (meta.index() < snapshot.index()) {
      throw new IllegalArgumentException(
          "snapshot at " + meta.index() + " is older than the stored one at " + snapshot.index());
    }
    writing(
        () -> {
          boolean keepLog = log.coveredBy(meta);
          snapshotFiles.save(newSnapshot);
          snapshot = meta;
          if (!keepLog) {
            log.discardAll();
          }
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Only the snapshot directory is written (under its own lock), so the loop's appends and
   * fsyncs go on meanwhile.
   */
  @Override
  public void writeSnapshot(Snapshot own) throws IOException {
    requireUsable();
    writing(() -> snapshotFiles.save(own));
  }

  @Override
  public void snapshotWritten(SnapshotMeta meta) throws IOException {
    requireUsable();
    if (meta.index() > snapshot.index()) {
      snapshot = meta;
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Never discards past the stored snapshot's index, whatever {@code index} says: entries no
   * snapshot covers are the only copy of committed state.
   */
  @Override
  public void compact(long index) throws IOException {
    requireUsable();
    writing(() -> log.compact(Math.min(index, snapshot.index())));
  }

  /**
   * Closes the files and releases the directory lock. Does not sync: what was not synced is in the
   * OS's hands, exactly as after a crash, and recovery treats it that way.
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (DataDirLock held = lock) {
      log.close();
    }
  }

  /** Number of WAL segment files; for tests and status. */
  int segmentCount() {
    return log.segmentCount();
  }

  private void requireUsable() throws IOException {
    if (!recovered || closed) {
      throw new IllegalStateException(closed ? "storage is closed" : "recover() first");
    }
    if (failure != null) {
      throw new IOException(
          "storage in " + dataDir + " failed earlier; restart the node to recover it", failure);
    }
  }

  /** Runs a step that changes files; if it fails, no later call may touch them. */
  private void writing(WriteStep step) throws IOException {
    try {
      step.run();
    } catch (IOException | RuntimeException e) {
      failure = e;
      throw e;
    }
  }

  @FunctionalInterface
  private interface WriteStep {
    void run() throws IOException;
  }

  private void closeQuietly(Exception cause) {
    try {
      close();
    } catch (IOException e) {
      cause.addSuppressed(e);
    }
  }

  /** Creates a directory and makes its entry in the parent durable. */
  private void createDurably(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      PrivateFiles.createDirectories(dir);
      fsync.directory(dir.getParent());
    }
  }
}
