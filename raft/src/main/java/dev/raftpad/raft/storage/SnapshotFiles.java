package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.CorruptStorageException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * The directory {@code snapshot/}, holding the latest snapshot as {@code <index:20 digits>.snap}.
 *
 * <p>A file is one {@link RecordFrame} of metadata, {@code [format:byte][index:long][term:long]
 * [voters][learners][dataLength:long][dataCrc32c:int]} (each node set as {@code [count:int]} then
 * {@code [length:int][UTF-8]} per id), followed by exactly {@code dataLength} bytes of
 * state-machine data. The data has its own CRC32C in the metadata because it may be far larger than
 * a record.
 *
 * <p>A new snapshot is written atomically; older files are deleted only after it is durable, so a
 * crash leaves at least one complete snapshot (recovery takes the highest index and finishes the
 * deletion).
 */
final class SnapshotFiles {
  static final String DIR = "snapshot";
  private static final Pattern NAME = Pattern.compile("(\\d{20})\\.snap");
  private static final byte FORMAT_V1 = 1;

  private final Path dir;
  private final Fsync fsync;

  SnapshotFiles(Path dataDir, Fsync fsync) {
    this.dir = dataDir.resolve(DIR);
    this.fsync = fsync;
  }

  /** Creates the directory if needed and removes what an interrupted save left behind. */
  void prepare() throws IOException {
    PrivateFiles.createDirectories(dir);
    if (AtomicFiles.deleteLeftovers(dir)) {
      fsync.directory(dir);
    }
  }

  /** The latest stored snapshot, verified, or {@code null} if none was ever saved. */
  synchronized Snapshot readLatest() throws IOException {
    List<Path> files = snapshotFiles();
    if (files.isEmpty()) {
      return null;
    }
    Path latest = files.getLast();
    Snapshot snapshot = read(latest);
    if (snapshot.meta().index() != indexOf(latest)) {
      throw new CorruptStorageException(
          latest + ": holds the snapshot at index " + snapshot.meta().index());
    }
    deleteAllBut(latest, files);
    return snapshot;
  }

  /**
   * Stores the snapshot durably, then deletes every snapshot but the newest: the node's own
   * snapshots are written by a background thread and may finish after the loop stored a newer
   * (installed) one, which must win. Synchronized for the same reason.
   */
  synchronized void save(Snapshot snapshot) throws IOException {
    Path target = dir.resolve(fileName(snapshot.meta().index()));
    AtomicFiles.replace(target, fsync, encodeMeta(snapshot), ByteBuffer.wrap(snapshot.data()));
    List<Path> files = snapshotFiles();
    deleteAllBut(files.getLast(), files);
  }

  private void deleteAllBut(Path keep, Collection<Path> files) throws IOException {
    boolean deleted = false;
    for (Path file : files) {
      if (!file.equals(keep)) {
        deleted |= Files.deleteIfExists(file);
      }
    }
    if (deleted) {
      fsync.directory(dir);
    }
  }

  /** Snapshot files by ascending index. */
  private List<Path> snapshotFiles() throws IOException {
    List<Path> files = new ArrayList<>();
    try (var stream = Files.newDirectoryStream(dir, "*.snap")) {
      for (Path file : stream) {
        if (indexOf(file) >= 0) {
          files.add(file);
        }
      }
    }
    files.sort((a, b) -> Long.compare(indexOf(a), indexOf(b)));
    return files;
  }

  /** The index a snapshot file name declares, or -1 if the name is not a snapshot's. */
  private static long indexOf(Path file) {
    Matcher matcher = NAME.matcher(file.getFileName().toString());
    return matcher.matches() ? Segment.parseIndex(matcher.group(1)) : -1;
  }

  static String fileName(long index) {
    return String.format("%020d.snap", index);
  }

  private static ByteBuffer encodeMeta(Snapshot snapshot) {
    SnapshotMeta meta = snapshot.meta();
    int size = 1 + 8 + 8 + nodeSetSize(meta.membership().voters());
    size += nodeSetSize(meta.membership().learners()) + 8 + 4;
    ByteBuffer payload = ByteBuffer.allocate(size);
    payload.put(FORMAT_V1).putLong(meta.index()).putLong(meta.term());
    putNodeSet(meta.membership().voters(), payload);
    putNodeSet(meta.membership().learners(), payload);
    payload.putLong(snapshot.data().length).putInt(crc32c(snapshot.data()));
    ByteBuffer framed = ByteBuffer.allocate(RecordFrame.framedSize(size));
    RecordFrame.encode(payload.array(), framed);
    return framed.flip();
  }

  private static Snapshot read(Path file) throws IOException {
    ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(file));
    if (!(RecordFrame.decode(in) instanceof RecordFrame.Decoded.Intact intact)) {
      throw new CorruptStorageException(file + ": snapshot metadata is damaged (offset 0)");
    }
    int dataOffset = in.position();
    ByteBuffer meta = ByteBuffer.wrap(intact.payload());
    try {
      byte format = meta.get();
      if (format != FORMAT_V1) {
        throw new CorruptStorageException(file + ": unknown snapshot format " + format);
      }
      long index = meta.getLong();
      long term = meta.getLong();
      Set<String> voters = getNodeSet(meta);
      Set<String> learners = getNodeSet(meta);
      long dataLength = meta.getLong();
      int dataCrc = meta.getInt();
      if (dataLength != in.remaining()) {
        throw new CorruptStorageException(
            file
                + ": snapshot data at offset "
                + dataOffset
                + " is "
                + in.remaining()
                + " bytes, metadata says "
                + dataLength);
      }
      byte[] data = new byte[in.remaining()];
      in.get(data);
      if (crc32c(data) != dataCrc) {
        throw new CorruptStorageException(
            file + ": snapshot data checksum mismatch (data at offset " + dataOffset + ")");
      }
      return new Snapshot(new SnapshotMeta(index, term, new Membership(voters, learners)), data);
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      throw new CorruptStorageException(file + ": malformed snapshot metadata: " + e);
    }
  }

  private static int nodeSetSize(Set<String> ids) {
    int size = 4;
    for (String id : ids) {
      size += 4 + id.getBytes(StandardCharsets.UTF_8).length;
    }
    return size;
  }

  private static void putNodeSet(Set<String> ids, ByteBuffer out) {
    out.putInt(ids.size());
    for (String id : ids) {
      byte[] bytes = id.getBytes(StandardCharsets.UTF_8);
      out.putInt(bytes.length).put(bytes);
    }
  }

  private static Set<String> getNodeSet(ByteBuffer in) {
    int count = in.getInt();
    if (count < 0 || count > in.remaining() / 4) {
      throw new IllegalArgumentException("impossible node count " + count);
    }
    Set<String> ids = new TreeSet<>();
    for (int i = 0; i < count; i++) {
      int length = in.getInt();
      if (length < 0 || length > in.remaining()) {
        throw new IllegalArgumentException("impossible node id length " + length);
      }
      byte[] bytes = new byte[length];
      in.get(bytes);
      ids.add(new String(bytes, StandardCharsets.UTF_8));
    }
    return ids;
  }

  private static int crc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    return (int) crc.getValue();
  }
}
