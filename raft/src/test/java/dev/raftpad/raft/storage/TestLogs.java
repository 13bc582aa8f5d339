package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** Entries, snapshots and file manipulations shared by the storage tests. */
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

  /** A snapshot at {@code index}/{@code term} of voters a, b, c. */
  static Snapshot snapshot(long index, long term, String data) {
    return new Snapshot(
        new SnapshotMeta(index, term, Membership.ofVoters("a", "b", "c")),
        data.getBytes(StandardCharsets.UTF_8));
  }

  @SafeVarargs
  static List<Entry> concat(List<Entry>... parts) {
    List<Entry> all = new ArrayList<>();
    for (List<Entry> part : parts) {
      all.addAll(part);
    }
    return all;
  }

  /** Cuts a file to {@code size} bytes, as a crash before its tail was written back would. */
  static void truncate(Path file, long size) throws IOException {
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    }
  }

  /** Copies a data directory, without its lock file. */
  static Path copy(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : paths.toList()) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else if (!source.getFileName().toString().equals(DataDirLock.NAME)) {
          Files.copy(source, target);
        }
      }
    }
    return to;
  }

  static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
