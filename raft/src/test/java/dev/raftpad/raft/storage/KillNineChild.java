package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The process {@link KillNineTest} kills: recovers a data dir, then appends, syncs and prints the
 * last synced index, forever. A line on stdout is a promise that the index is durable.
 *
 * <p>Every few hundred entries it also saves a snapshot and compacts, so kills land in those paths
 * too. Entry data is {@link #dataOf}, so the parent can check content, not only indexes.
 */
public final class KillNineChild {
  private static final long SNAPSHOT_EVERY = 300;

  private KillNineChild() {}

  /** Arguments: data dir, segment bytes. */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    long segmentBytes = Long.parseLong(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (FileStorage storage = new FileStorage(dir, segmentBytes)) {
      Recovered recovered = storage.recover();
      long last =
          recovered.entries().isEmpty()
              ? (recovered.snapshot() == null ? 0 : recovered.snapshot().meta().index())
              : recovered.entries().getLast().index();
      long term = recovered.hardState().term() + 1;
      long lastSnapshot = last;
      out.println("ready " + last);
      for (int batch = 0; last < 10_000_000; batch++) {
        List<Entry> entries = new ArrayList<>();
        int size = 1 + batch % 17;
        for (int i = 0; i < size; i++) {
          entries.add(new Entry(++last, term, EntryType.COMMAND, dataOf(last)));
        }
        storage.append(entries);
        storage.setHardState(new HardState(term, "child", last));
        storage.sync();
        out.println(last);
        if (last - lastSnapshot >= SNAPSHOT_EVERY) {
          storage.saveSnapshot(
              new Snapshot(
                  new SnapshotMeta(last, term, Membership.ofVoters("child")), dataOf(last)));
          storage.compact(last);
          lastSnapshot = last;
        }
      }
    }
  }

  /** The data of entry {@code index} (and of the snapshot taken at it). */
  static byte[] dataOf(long index) {
    return ("payload of entry " + index + " ".repeat((int) (index % 50)))
        .getBytes(StandardCharsets.UTF_8);
  }
}
