package dev.raftpad.raft.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The bytes of every file of a data directory at one moment, and the crash images that can follow
 * from two such moments: {@code synced} (captured when {@code sync()} returned) and {@code live}
 * (captured later, with unsynced writes). A crash image keeps everything that was durable and a
 * random part of what was not, the way a power cut finds the page cache half written back.
 *
 * <p>It models the durability rules FileStorage promises for an append-only workload (no
 * truncation, snapshot or compaction after {@code synced}):
 *
 * <ul>
 *   <li>the hard state file is the synced one or the new one, never a mix (atomic replacement);
 *   <li>every segment but the last is whole (a full segment is forced before the next is created);
 *   <li>the last segment keeps its synced bytes plus any prefix of the unsynced ones, possibly
 *       followed by zeros (size extended, data not written back); if it was created since the sync
 *       it may be missing altogether.
 * </ul>
 */
record DiskImage(Map<String, byte[]> files) {

  /** Reads every file under {@code dir}, except the lock, which no crash preserves. */
  static DiskImage capture(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : paths.filter(Files::isRegularFile).toList()) {
        if (!path.getFileName().toString().equals(DataDirLock.NAME)) {
          files.put(dir.relativize(path).toString(), Files.readAllBytes(path));
        }
      }
    }
    return new DiskImage(files);
  }

  /** One state the disk may be in after a crash that followed {@code synced} and {@code live}. */
  static DiskImage afterCrash(DiskImage synced, DiskImage live, Random random) {
    Map<String, byte[]> files = new TreeMap<>(live.files());
    byte[] oldHardState = synced.files().get(HardStateFile.NAME);
    if (random.nextBoolean()) {
      if (oldHardState == null) {
        files.remove(HardStateFile.NAME);
      } else {
        files.put(HardStateFile.NAME, oldHardState);
      }
    }
    List<String> segments = live.segmentNames();
    if (!segments.isEmpty()) {
      String last = segments.getLast();
      byte[] liveBytes = live.files().get(last);
      byte[] syncedBytes = synced.files().get(last);
      if (syncedBytes == null && random.nextInt(4) == 0) {
        files.remove(last); // its directory entry never reached the disk
      } else {
        files.put(last, partiallyWrittenBack(syncedBytes, liveBytes, random));
      }
    }
    return new DiskImage(files);
  }

  private static byte[] partiallyWrittenBack(byte[] synced, byte[] live, Random random) {
    int durable = synced == null ? 0 : synced.length;
    if (!Arrays.equals(live, 0, durable, synced == null ? new byte[0] : synced, 0, durable)) {
      throw new IllegalStateException("the workload rewrote synced bytes; not append-only");
    }
    int kept = durable + random.nextInt(live.length - durable + 1);
    int zeros = random.nextInt(3) == 0 ? random.nextInt(live.length - kept + 1) : 0;
    byte[] image = new byte[kept + zeros];
    System.arraycopy(live, 0, image, 0, kept);
    return image;
  }

  /** Writes the image into an empty directory. */
  void writeTo(Path dir) throws IOException {
    Files.createDirectories(dir.resolve(SegmentedLog.DIR));
    Files.createDirectories(dir.resolve(SnapshotFiles.DIR));
    for (var file : files.entrySet()) {
      Path path = dir.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.write(path, file.getValue());
    }
  }

  private List<String> segmentNames() {
    return files.keySet().stream().filter(name -> name.endsWith(".seg")).sorted().toList();
  }
}
