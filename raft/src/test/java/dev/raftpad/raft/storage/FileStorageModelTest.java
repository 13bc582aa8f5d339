package dev.raftpad.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage.Recovered;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of appends (with conflicting overwrites), syncs, snapshots (matching the log or
 * not), compactions and reopens, checked against a list in memory that follows the {@code Storage}
 * rules. Every reopen must recover exactly the model.
 */
class FileStorageModelTest {
  private static final long TINY_SEGMENT = 160;

  sealed interface Op {}

  /** Append {@code count} entries starting {@code back} entries before the next index. */
  record Append(int back, int count) implements Op {}

  /** Save a snapshot {@code back} entries before the last; {@code ahead} puts it past the log. */
  record SaveSnapshot(int back, boolean keepTerm, boolean ahead) implements Op {}

  record Compact(int back) implements Op {}

  record Reopen() implements Op {}

  @Property(tries = 20)
  void recoveryAlwaysReturnsTheModel(@ForAll("operations") List<Op> ops) throws IOException {
    Path dir = Files.createTempDirectory("storage-model");
    Model model = new Model();
    FileStorage storage = new FileStorage(dir, TINY_SEGMENT);
    try {
      storage.recover();
      for (Op op : ops) {
        switch (op) {
          case Append append -> {
            List<Entry> entries = model.append(append);
            if (!entries.isEmpty()) {
              storage.append(entries);
            }
          }
          case SaveSnapshot save -> {
            Snapshot snapshot = model.snapshot(save);
            if (snapshot != null) {
              storage.saveSnapshot(snapshot);
              // Look right away: a later overwrite could hide a suffix wrongly kept.
              storage = reopen(storage, dir, model);
            }
          }
          case Compact compact -> storage.compact(model.lastIndex() - compact.back());
          case Reopen reopen -> storage = reopen(storage, dir, model);
        }
      }
      storage = reopen(storage, dir, model);
    } finally {
      storage.close();
      TestLogs.deleteRecursively(dir);
    }
  }

  private static FileStorage reopen(FileStorage storage, Path dir, Model model) throws IOException {
    storage.sync();
    storage.close();
    FileStorage reopened = new FileStorage(dir, TINY_SEGMENT);
    model.check(reopened.recover());
    return reopened;
  }

  @Provide
  Arbitrary<List<Op>> operations() {
    Arbitrary<Op> append =
        Combinators.combine(
                Arbitraries.integers().between(0, 6).map(n -> n < 4 ? 0 : n * 2),
                Arbitraries.integers().between(1, 8))
            .as(Append::new);
    Arbitrary<Op> snapshot =
        Combinators.combine(
                Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 2).map(n -> n > 0),
                Arbitraries.integers().between(0, 5).map(n -> n == 0))
            .as(SaveSnapshot::new);
    Arbitrary<Op> compact = Arbitraries.integers().between(0, 10).map(Compact::new);
    Arbitrary<Op> reopen = Arbitraries.just(new Reopen());
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, append),
            net.jqwik.api.Tuple.of(2, snapshot),
            net.jqwik.api.Tuple.of(2, compact),
            net.jqwik.api.Tuple.of(2, reopen))
        .list()
        .ofMinSize(4)
        .ofMaxSize(30);
  }

  /** What the storage must hold: a snapshot point and the entries after it. */
  private static final class Model {
    private SnapshotMeta snapshot = SnapshotMeta.NONE;
    private byte[] snapshotData;
    private final List<Entry> entries = new ArrayList<>();
    private long term = 1;

    long lastIndex() {
      return entries.isEmpty() ? snapshot.index() : entries.getLast().index();
    }

    List<Entry> append(Append op) {
      long first = Math.max(snapshot.index() + 1, lastIndex() + 1 - op.back());
      if (first <= lastIndex()) {
        term++; // a new leader overwrites the conflicting suffix
      }
      entries.removeIf(e -> e.index() >= first);
      List<Entry> added = TestLogs.entries(first, first + op.count() - 1, term);
      entries.addAll(added);
      return added;
    }

    Snapshot snapshot(SaveSnapshot op) {
      long index = op.ahead() ? lastIndex() + 1 + op.back() : lastIndex() - op.back();
      if (index < Math.max(1, snapshot.index())) {
        return null;
      }
      Long stored = termAt(index);
      long snapshotTerm;
      if (index == snapshot.index() || (op.keepTerm() && stored != null)) {
        snapshotTerm = stored;
      } else {
        snapshotTerm = ++term;
      }
      snapshot = new SnapshotMeta(index, snapshotTerm, Membership.ofVoters("a", "b"));
      snapshotData = ("state at " + index).getBytes(StandardCharsets.UTF_8);
      if (stored != null && stored == snapshotTerm) {
        entries.removeIf(e -> e.index() <= index);
      } else {
        entries.clear();
      }
      return new Snapshot(snapshot, snapshotData);
    }

    private Long termAt(long index) {
      if (index == snapshot.index() && index > 0) {
        return snapshot.term();
      }
      for (Entry entry : entries) {
        if (entry.index() == index) {
          return entry.term();
        }
      }
      return null;
    }

    void check(Recovered recovered) {
      if (snapshot.index() == 0) {
        assertThat(recovered.snapshot()).isNull();
      } else {
        assertThat(recovered.snapshot().meta()).isEqualTo(snapshot);
        assertThat(recovered.snapshot().data()).isEqualTo(snapshotData);
      }
      assertThat(recovered.entries()).isEqualTo(entries);
    }
  }
}
