package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.CorruptStorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The write-ahead log: a directory of {@link Segment}s holding one contiguous run of entries. Only
 * the last segment is ever written; the others are immutable until compaction deletes them.
 *
 * <p>Crash-safety rules this class keeps, each so that recovery never mistakes a crash for
 * corruption or corruption for a crash:
 *
 * <ul>
 *   <li>A full segment is forced (data, and its directory entry if that is new) before the next one
 *       is created, so every segment but the last is whole on disk and only the last can end in a
 *       torn write.
 *   <li>Suffix truncation deletes segments from the end, one durable deletion at a time, then cuts
 *       the segment that straddles the point and forces it; compaction deletes from the front the
 *       same way. A crash at any step leaves one contiguous run.
 * </ul>
 */
final class SegmentedLog implements AutoCloseable {
  static final String DIR = "wal";

  /** Repairs at recovery are rare and an operator wants to know about each one. */
  private static final System.Logger LOG = System.getLogger(SegmentedLog.class.getName());

  private final Path dir;
  private final long segmentBytes;
  private final Fsync fsync;
  private final List<Segment> segments = new ArrayList<>();
  private boolean directoryUnsynced;

  SegmentedLog(Path dataDir, long segmentBytes, Fsync fsync) {
    this.dir = dataDir.resolve(DIR);
    this.segmentBytes = segmentBytes;
    this.fsync = fsync;
  }

  /**
   * Opens the segments, truncates a torn tail, and returns the entries after the snapshot's index.
   * Applies the snapshot rule again ({@link #coveredBy}) in case a crash interrupted its discard.
   *
   * <p>{@code committed} is the commit index of the durable hard state. Sync forces the log before
   * it writes the hard state, so every entry up to it was synced: a log ending below it has lost
   * synced entries, and what looks like a torn tail is corruption.
   *
   * <p>Everything is checked before anything is repaired, so a directory found corrupt is left
   * exactly as it was found, for the operator.
   */
  List<Entry> recover(SnapshotMeta snapshot, long committed) throws IOException {
    PrivateFiles.createDirectories(dir);
    if (AtomicFiles.deleteLeftovers(dir)) {
      fsync.directory(dir);
    }
    List<Path> files = segmentFiles();
    List<SegmentScan.Result> scans = new ArrayList<>();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      Path file = files.get(i);
      long first = Segment.firstIndexOf(file);
      SegmentScan.Result scanned = SegmentScan.scan(file, first);
      boolean last = i == files.size() - 1;
      if (!last) {
        requireComplete(file, scanned);
      }
      if (!scanned.entries().isEmpty()) {
        if (!entries.isEmpty() && first != entries.getLast().index() + 1) {
          throw Segment.corrupt(
              file,
              "starts at " + first + " but the previous segment ends at " + entries.getLast());
        }
        if (entries.isEmpty() && first > snapshot.index() + 1) {
          throw Segment.corrupt(
              file,
              "log starts at " + first + " but the snapshot covers only up to " + snapshot.index());
        }
      }
      scans.add(scanned);
      entries.addAll(scanned.entries());
    }
    long last = entries.isEmpty() ? snapshot.index() : entries.getLast().index();
    if (committed > Math.max(last, snapshot.index())) {
      throw missingCommitted(files, scans, last, committed);
    }
    if (!files.isEmpty() && !truncateToIntact(files.getLast(), scans.getLast())) {
      files = files.subList(0, files.size() - 1);
    }
    for (int i = 0; i < files.size(); i++) {
      segments.add(Segment.open(files.get(i), Segment.firstIndexOf(files.get(i)), scans.get(i)));
    }
    return afterSnapshot(entries, snapshot);
  }

  private CorruptStorageException missingCommitted(
      List<Path> files, List<SegmentScan.Result> scans, long last, long committed) {
    String reason = "the log ends at " + last + " but the hard state commits " + committed;
    if (!files.isEmpty() && scans.getLast().tail() instanceof SegmentScan.Tail.Torn torn) {
      return SegmentScan.corrupt(
          files.getLast(), torn.offset(), torn.what() + " inside synced entries: " + reason);
    }
    return Segment.corrupt(files.isEmpty() ? dir : files.getLast(), reason);
  }

  private static void requireComplete(Path file, SegmentScan.Result scanned)
      throws CorruptStorageException {
    if (scanned.tail() instanceof SegmentScan.Tail.Torn torn) {
      throw SegmentScan.corrupt(
          file, torn.offset(), torn.what() + " in a segment that is not last");
    }
    if (scanned.validEnd() != scanned.fileSize()) {
      throw SegmentScan.corrupt(
          file, scanned.validEnd(), "zero bytes after the records of a segment that is not last");
    }
    if (scanned.entries().isEmpty()) {
      throw Segment.corrupt(file, "empty segment that is not last");
    }
  }

  /**
   * Cuts the last segment back to its intact records, durably: a torn tail, or zero fill from a
   * crash after the file grew but before its data was written.
   *
   * @return false if nothing intact remained (a crash right after the segment was created, or
   *     inside its first record) and the file was deleted
   */
  private boolean truncateToIntact(Path file, SegmentScan.Result scanned) throws IOException {
    if (scanned.entries().isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "deleting {0}: last segment without an intact record ({1} bytes)",
          file,
          scanned.fileSize());
      Files.delete(file);
      fsync.directory(dir);
      return false;
    }
    if (scanned.validEnd() < scanned.fileSize()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "cutting {0} at offset {1}: {2} bytes of {3} after entry {4}",
          file,
          scanned.validEnd(),
          scanned.fileSize() - scanned.validEnd(),
          scanned.tail() instanceof SegmentScan.Tail.Torn ? "a torn record" : "zero fill",
          scanned.entries().getLast().index());
      try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
        channel.truncate(scanned.validEnd());
        fsync.file(channel);
      }
    }
    return true;
  }

  /** Entries after the snapshot, after discarding the whole log if the snapshot rule says so. */
  private List<Entry> afterSnapshot(List<Entry> entries, SnapshotMeta snapshot) throws IOException {
    if (entries.isEmpty()) {
      return entries;
    }
    long first = entries.getFirst().index();
    if (!coveredBy(snapshot)) {
      LOG.log(
          System.Logger.Level.WARNING,
          "discarding entries {0}..{1}: they disagree with the snapshot at {2} (term {3}); a crash"
              + " interrupted saving it",
          first,
          entries.getLast().index(),
          snapshot.index(),
          snapshot.term());
      discardAll();
      return List.of();
    }
    return entries.subList((int) (snapshot.index() + 1 - first), entries.size());
  }

  /**
   * Whether the stored entries may stay next to this snapshot: the log starts right after it, or
   * holds the snapshot's index at the snapshot's term (paper Fig. 13, step 6). Otherwise every
   * stored entry is stale and must go.
   */
  boolean coveredBy(SnapshotMeta snapshot) throws IOException {
    if (isEmpty() || firstIndex() == snapshot.index() + 1) {
      return true;
    }
    if (snapshot.index() < firstIndex() || snapshot.index() > lastIndex()) {
      return false;
    }
    return segmentHolding(snapshot.index()).termAt(snapshot.index()) == snapshot.term();
  }

  boolean isEmpty() {
    return segments.isEmpty();
  }

  /** The first stored index; only when not empty. */
  long firstIndex() {
    return segments.getFirst().firstIndex();
  }

  /** The last stored index; only when not empty. */
  long lastIndex() {
    return segments.getLast().lastIndex();
  }

  /**
   * Appends contiguous entries, first cutting off stored entries from the first new index on. The
   * caller checked that the first new index is at most {@code lastIndex() + 1}.
   */
  void append(List<Entry> entries) throws IOException {
    long first = entries.getFirst().index();
    if (!isEmpty() && first <= lastIndex()) {
      truncateFrom(first);
    }
    for (Entry entry : entries) {
      if (isEmpty() || segments.getLast().sizeBytes() >= segmentBytes) {
        rollOver(entry.index());
      }
      segments.getLast().add(entry);
    }
    segments.getLast().write();
  }

  private void rollOver(long firstIndex) throws IOException {
    if (!isEmpty()) {
      Segment full = segments.getLast();
      full.write();
      full.releaseBuffer();
      full.force(fsync);
      if (directoryUnsynced) {
        // The full segment was itself created since the last sync: make its name durable before
        // a later one can be, or a crash could keep the later file and lose this one (a gap).
        fsync.directory(dir);
        directoryUnsynced = false;
      }
    }
    segments.add(Segment.create(dir, firstIndex));
    directoryUnsynced = true;
  }

  private void truncateFrom(long index) throws IOException {
    while (!isEmpty() && segments.getLast().firstIndex() >= index) {
      deleteDurably(segments.removeLast());
    }
    if (!isEmpty() && lastIndex() >= index) {
      segments.getLast().truncateFrom(index, fsync);
    }
  }

  /** Forces the written entries (one fsync) and, if a segment was created, the directory. */
  void sync() throws IOException {
    if (!isEmpty()) {
      segments.getLast().force(fsync);
    }
    if (directoryUnsynced) {
      fsync.directory(dir);
      directoryUnsynced = false;
    }
  }

  /**
   * Deletes whole segments whose entries are all at or below {@code index}, oldest first, each
   * deletion durable before the next. The last segment always stays: it is the one being written.
   */
  void compact(long index) throws IOException {
    while (segments.size() > 1 && segments.getFirst().lastIndex() <= index) {
      deleteDurably(segments.removeFirst());
    }
  }

  /** Deletes every segment, newest first, each deletion durable before the next. */
  void discardAll() throws IOException {
    while (!isEmpty()) {
      deleteDurably(segments.removeLast());
    }
  }

  /**
   * Deletes a segment and fsyncs the directory, which also makes any segment creation still pending
   * durable.
   */
  private void deleteDurably(Segment segment) throws IOException {
    segment.delete();
    fsync.directory(dir);
    directoryUnsynced = false;
  }

  /** Number of segment files; for tests and status. */
  int segmentCount() {
    return segments.size();
  }

  private Segment segmentHolding(long index) {
    for (int i = segments.size() - 1; i >= 0; i--) {
      if (segments.get(i).firstIndex() <= index) {
        return segments.get(i);
      }
    }
    throw new IllegalArgumentException(index + " is before the log");
  }

  private List<Path> segmentFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, "*.seg")) {
      for (Path file : stream) {
        if (Segment.firstIndexOf(file) >= 0) {
          files.add(file);
        }
      }
    }
    files.sort((a, b) -> Long.compare(Segment.firstIndexOf(a), Segment.firstIndexOf(b)));
    return files;
  }

  @Override
  public void close() throws IOException {
    IOException failure = null;
    for (Segment segment : segments) {
      try {
        segment.close();
      } catch (IOException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    segments.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
