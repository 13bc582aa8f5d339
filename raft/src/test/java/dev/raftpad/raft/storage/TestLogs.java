package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Entries and file look-ups shared by the storage tests. */
final class TestLogs {
  private TestLogs() {}

  /** Entries {@code from..to} inclusive at {@code term}; the data names index and term. */
  static List<Entry> entries(long from, long to, long term) {
    List<Entry> entries = new ArrayList<>();
    for (long i = from; i <= to; i++) {
      entries.add(entry(i, term));
    }
    return entries;
  }

  static Entry entry(long index, long term) {
    EntryType type = index % 7 == 0 ? EntryType.CONFIG : EntryType.COMMAND;
    return new Entry(
        index,
        term,
        type,
        ("entry " + index + " of term " + term).getBytes(StandardCharsets.UTF_8));
  }

  /** Segment files of a data dir, by first index. */
  static List<Path> segments(Path dataDir) {
    try (Stream<Path> files = Files.list(dataDir.resolve(SegmentedLog.DIR))) {
      return files.filter(f -> f.toString().endsWith(".seg")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path lastSegment(Path dataDir) {
    return segments(dataDir).getLast();
  }

  /** Flips every bit of one byte of a file. */
  static void flipByte(Path file, long offset) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    bytes[Math.toIntExact(offset)] ^= (byte) 0xFF;
    Files.write(file, bytes);
  }

  /** Offset of the record holding {@code index} in a segment, by scanning it. */
  static int recordOffset(Path segment, long index) throws IOException {
    SegmentScan.Result scanned = SegmentScan.scan(segment, Segment.firstIndexOf(segment));
    return scanned.offsets()[Math.toIntExact(index - Segment.firstIndexOf(segment))];
  }
}
