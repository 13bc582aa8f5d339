package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.spi.CorruptStorageException;
import dev.raftpad.raft.storage.RecordFrame.Decoded;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one segment file at recovery and tells whole records from a torn tail and from corruption.
 *
 * <p>Where decoding stops early (a record cut short, or a complete record with a bad checksum) the
 * rest of the file is searched, at every byte offset, for an intact record. Finding one means the
 * damage sits in front of valid data: corruption, whatever the position. Finding none means a write
 * that never completed: a torn tail, which the caller may truncate if this is the last segment. The
 * search matters because a damaged length field makes the rest of the file look like a torn tail;
 * skipping record by record would then silently drop every synced record after it.
 *
 * <p>An impossible length (negative or above {@link RecordFrame#MAX_PAYLOAD_BYTES}) is always
 * corruption: a torn write leaves zeros or nothing, and a real length never has its high bits set.
 */
final class SegmentScan {
  private SegmentScan() {}

  /** How the intact records of a segment end. */
  sealed interface Tail {
    /** The records end exactly at {@code validEnd}, followed by nothing or by zero fill. */
    record Clean() implements Tail {}

    /** A write that never completed starts at {@code offset}; nothing intact follows it. */
    record Torn(int offset, String what) implements Tail {}
  }

  /**
   * The intact prefix of a segment.
   *
   * @param offsets start of each entry's record, {@code entries.size()} of them used
   * @param validEnd the byte just after the last intact record
   * @param fileSize the file's length on disk
   */
  @SuppressWarnings("ArrayRecordComponent") // internal hand-over, never compared or hashed
  record Result(List<Entry> entries, int[] offsets, int validEnd, long fileSize, Tail tail) {}

  /**
   * Decodes every record of {@code file}, whose first entry must have index {@code firstIndex} and
   * each next one the index after.
   *
   * @throws CorruptStorageException on damage that cannot be a torn tail, naming file and offset
   */
  static Result scan(Path file, long firstIndex) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes);
    List<Entry> entries = new ArrayList<>();
    int[] offsets = new int[16];
    long expected = firstIndex;
    while (true) {
      int offset = buffer.position();
      switch (RecordFrame.decode(buffer)) {
        case Decoded.Intact intact -> {
          Entry entry = decodeEntry(file, intact);
          if (entry.index() != expected) {
            throw corrupt(
                file, offset, "entry " + entry.index() + " where " + expected + " belongs");
          }
          if (entries.size() == offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
          }
          offsets[entries.size()] = offset;
          entries.add(entry);
          expected++;
        }
        case Decoded.End end -> {
          return new Result(entries, offsets, offset, bytes.length, new Tail.Clean());
        }
        case Decoded.TornTail torn -> {
          return tornOrCorrupt(file, buffer, torn.offset(), "record cut short", entries, offsets);
        }
        case Decoded.ChecksumMismatch bad -> {
          return tornOrCorrupt(file, buffer, bad.offset(), "checksum mismatch", entries, offsets);
        }
        case Decoded.Corrupt bad -> throw corrupt(file, bad.offset(), bad.reason());
      }
    }
  }

  private static Result tornOrCorrupt(
      Path file, ByteBuffer buffer, int offset, String what, List<Entry> entries, int[] offsets)
      throws CorruptStorageException {
    int intactAt = findIntactRecord(buffer, offset + 1);
    if (intactAt >= 0) {
      throw corrupt(file, offset, what + ", followed by an intact record at offset " + intactAt);
    }
    return new Result(entries, offsets, offset, buffer.capacity(), new Tail.Torn(offset, what));
  }

  /** The first offset at or after {@code from} where an intact entry record starts, or -1. */
  private static int findIntactRecord(ByteBuffer buffer, int from) {
    int limit = buffer.limit();
    for (int offset = from; offset + RecordFrame.HEADER_BYTES <= limit; offset++) {
      // A zeroed header can never be intact (the CRC32C of a zero length is not zero); skipping it
      // here keeps long zero runs linear instead of rescanning them from every offset.
      if (buffer.getLong(offset) == 0) {
        continue;
      }
      if (RecordFrame.decode(buffer.duplicate().position(offset)) instanceof Decoded.Intact i
          && isEntry(i.payload())) {
        return offset;
      }
    }
    return -1;
  }

  private static boolean isEntry(byte[] payload) {
    try {
      EntryCodec.decode(payload);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static Entry decodeEntry(Path file, Decoded.Intact intact)
      throws CorruptStorageException {
    try {
      return EntryCodec.decode(intact.payload());
    } catch (IllegalArgumentException e) {
      throw corrupt(file, intact.offset(), "intact record is not an entry: " + e.getMessage());
    }
  }

  static CorruptStorageException corrupt(Path file, long offset, String reason) {
    return new CorruptStorageException(file + " at offset " + offset + ": " + reason);
  }
}
