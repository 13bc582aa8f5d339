package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.spi.CorruptStorageException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One WAL segment file, {@code <first index:20 digits>.seg}: the framed entry records of a
 * contiguous run of indexes, and nothing else.
 *
 * <p>It remembers where each of its records starts so that a conflicting suffix can be cut off
 * without reading the file. Records added by {@link #add} are encoded into a buffer and handed to
 * the OS by {@link #write}, one write per batch; {@link #force} makes them durable.
 */
final class Segment implements AutoCloseable {
  private static final Pattern NAME = Pattern.compile("(\\d{20})\\.seg");
  private static final int INITIAL_BUFFER_BYTES = 64 * 1024;

  private final Path path;
  private final long firstIndex;
  private final FileChannel channel;
  private int[] offsets;
  private int count;
  private int end;
  private int written;
  private boolean unsynced;

  /** Records encoded but not yet written; only the segment being appended to holds one. */
  private ByteBuffer pending = ByteBuffer.allocate(0);

  private Segment(
      Path path, long firstIndex, FileChannel channel, int[] offsets, int count, int end) {
    this.path = path;
    this.firstIndex = firstIndex;
    this.channel = channel;
    this.offsets = offsets;
    this.count = count;
    this.end = end;
    this.written = end;
  }

  /** Creates an empty segment file; the caller makes the directory entry durable. */
  static Segment create(Path dir, long firstIndex) throws IOException {
    Path path = dir.resolve(fileName(firstIndex));
    FileChannel channel =
        PrivateFiles.open(
            path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ, StandardOpenOption.WRITE);
    return new Segment(path, firstIndex, channel, new int[64], 0, 0);
  }

  /**
   * Opens a segment that recovery has scanned and, if needed, already truncated to its intact
   * records.
   */
  static Segment open(Path path, long firstIndex, SegmentScan.Result scanned) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
    int[] offsets = Arrays.copyOf(scanned.offsets(), Math.max(64, scanned.entries().size()));
    return new Segment(
        path, firstIndex, channel, offsets, scanned.entries().size(), scanned.validEnd());
  }

  static String fileName(long firstIndex) {
    return String.format("%020d.seg", firstIndex);
  }

  /** The first index a segment file name declares, or -1 if the name is not a segment's. */
  static long firstIndexOf(Path file) {
    Matcher matcher = NAME.matcher(file.getFileName().toString());
    return matcher.matches() ? parseIndex(matcher.group(1)) : -1;
  }

  /** A 20-digit index from a file name, or -1 if it exceeds a long (then not one of ours). */
  static long parseIndex(String digits) {
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  Path path() {
    return path;
  }

  long firstIndex() {
    return firstIndex;
  }

  /** The last index held, or {@code firstIndex() - 1} when empty. */
  long lastIndex() {
    return firstIndex + count - 1;
  }

  boolean isEmpty() {
    return count == 0;
  }

  /** Bytes of records, written or pending. */
  long sizeBytes() {
    return end;
  }

  /** Encodes the next entry (index {@code lastIndex() + 1}) into the pending buffer. */
  void add(Entry entry) {
    if (entry.index() != lastIndex() + 1) {
      throw new IllegalArgumentException(
          "entry " + entry.index() + " does not follow " + lastIndex() + " in " + path);
    }
    int payload = EntryCodec.payloadSize(entry);
    int framed = RecordFrame.framedSize(payload);
    ensurePending(framed);
    ByteBuffer payloadBytes = ByteBuffer.allocate(payload);
    EntryCodec.encode(entry, payloadBytes);
    RecordFrame.encode(payloadBytes.array(), pending);
    if (count == offsets.length) {
      offsets = Arrays.copyOf(offsets, offsets.length * 2);
    }
    offsets[count++] = end;
    end = Math.addExact(end, framed);
  }

  /** Hands the pending records to the OS (not yet durable). */
  void write() throws IOException {
    if (pending.position() == 0) {
      return;
    }
    pending.flip();
    while (pending.hasRemaining()) {
      written += channel.write(pending, written);
    }
    pending.clear();
    unsynced = true;
  }

  /** Makes everything written durable; a no-op when nothing was written since the last force. */
  void force(Fsync fsync) throws IOException {
    if (unsynced) {
      fsync.file(channel);
      unsynced = false;
    }
  }

  /**
   * Drops the entries from {@code index} on, durably before returning: new entries will be written
   * over the same bytes, and a crash must never expose the old ones behind the new.
   */
  void truncateFrom(long index, Fsync fsync) throws IOException {
    if (index < firstIndex || index > lastIndex()) {
      throw new IllegalArgumentException(index + " is not in " + path);
    }
    int keep = (int) (index - firstIndex);
    end = offsets[keep];
    written = end;
    count = keep;
    channel.truncate(end);
    unsynced = true;
    force(fsync);
  }

  /** The term of the stored entry at {@code index}, read back from the file. */
  long termAt(long index) throws IOException {
    if (index < firstIndex || index > lastIndex()) {
      throw new IllegalArgumentException(index + " is not in " + path);
    }
    int slot = (int) (index - firstIndex);
    int from = offsets[slot];
    int to = slot + 1 < count ? offsets[slot + 1] : end;
    ByteBuffer record = ByteBuffer.allocate(to - from);
    while (record.hasRemaining()) {
      if (channel.read(record, from + record.position()) < 0) {
        break;
      }
    }
    record.flip();
    if (RecordFrame.decode(record) instanceof RecordFrame.Decoded.Intact intact) {
      return EntryCodec.decode(intact.payload()).term();
    }
    throw SegmentScan.corrupt(path, from, "entry " + index + " no longer reads back intact");
  }

  /** Closes and deletes the file; the caller fsyncs the directory. */
  void delete() throws IOException {
    close();
    Files.deleteIfExists(path);
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  /** Drops the write buffer of a segment that will not be appended to (a full one). */
  void releaseBuffer() {
    if (pending.position() != 0) {
      throw new IllegalStateException("unwritten records in " + path);
    }
    pending = ByteBuffer.allocate(0);
  }

  private void ensurePending(int bytes) {
    if (pending.remaining() < bytes) {
      int capacity =
          Math.max(
              Math.max(INITIAL_BUFFER_BYTES, pending.capacity() * 2), pending.position() + bytes);
      pending = ByteBuffer.allocate(capacity).put(pending.flip());
    }
  }

  @Override
  public String toString() {
    return path.getFileName() + "[" + firstIndex + ".." + lastIndex() + "]";
  }

  /** Thrown by recovery helpers; kept here so that every segment error names its file. */
  static CorruptStorageException corrupt(Path file, String reason) {
    return new CorruptStorageException(file + ": " + reason);
  }
}
