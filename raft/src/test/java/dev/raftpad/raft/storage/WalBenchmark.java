package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.HardState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Prints the throughput of {@link FileStorage}: append a batch of 128-byte entries, sync, repeat.
 * Figures only, no assertions (benchmarks are not tests).
 *
 * <p>Run from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl raft test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=dev.raftpad.raft.storage.WalBenchmark [-Dexec.args="SECONDS [DIR]"]
 * </pre>
 *
 * Each configuration runs for SECONDS (default 3) in a fresh directory under DIR (default the
 * system temp dir; point it at the disk the data dir will live on). "wal only" leaves the hard
 * state alone; "+hard state" also advances the commit index every batch, as a leader does, which
 * adds the atomic replacement of the hard state file to every sync.
 */
public final class WalBenchmark {
  private static final int ENTRY_BYTES = 128;
  private static final int[] BATCHES = {1, 16, 256};

  private WalBenchmark() {}

  public static void main(String[] args) throws IOException {
    double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 3;
    Path parent =
        args.length > 1 ? Path.of(args[1]) : Path.of(System.getProperty("java.io.tmpdir"));
    System.out.printf(
        "%-12s %6s %12s %10s %12s %12s %12s %12s%n",
        "mode",
        "batch",
        "appends/s",
        "syncs/s",
        "fsync p50",
        "fsync p99",
        "sync() p50",
        "sync() p99");
    for (boolean hardState : new boolean[] {false, true}) {
      for (int batch : BATCHES) {
        run(parent, batch, hardState, (long) (seconds * 1e9));
      }
    }
  }

  private static void run(Path parent, int batchSize, boolean advanceHardState, long nanos)
      throws IOException {
    Path dir = Files.createTempDirectory(parent, "wal-bench");
    try {
      FsyncHistogram syncLatency = new FsyncHistogram();
      long appended = 0;
      FsyncHistogram.Summary fsyncs;
      try (FileStorage storage = new FileStorage(dir)) {
        storage.recover();
        Random random = new Random(42);
        long next = 1;
        long start = System.nanoTime();
        long elapsed;
        do {
          List<Entry> batch = new ArrayList<>(batchSize);
          for (int i = 0; i < batchSize; i++) {
            byte[] data = new byte[ENTRY_BYTES];
            random.nextBytes(data);
            batch.add(new Entry(next++, 1, EntryType.COMMAND, data));
          }
          storage.append(batch);
          if (advanceHardState) {
            storage.setHardState(new HardState(1, "bench", next - 1));
          }
          long syncStart = System.nanoTime();
          storage.sync();
          syncLatency.record(System.nanoTime() - syncStart);
          appended += batchSize;
          elapsed = System.nanoTime() - start;
        } while (elapsed < nanos);
        fsyncs = storage.fsyncHistogram().summary();
        FsyncHistogram.Summary syncs = syncLatency.summary();
        System.out.printf(
            "%-12s %6d %12.0f %10.0f %12s %12s %12s %12s%n",
            advanceHardState ? "+hard state" : "wal only",
            batchSize,
            appended / (elapsed / 1e9),
            syncs.count() / (elapsed / 1e9),
            micros(fsyncs.p50Nanos()),
            micros(fsyncs.p99Nanos()),
            micros(syncs.p50Nanos()),
            micros(syncs.p99Nanos()));
      }
    } finally {
      TestLogs.deleteRecursively(dir);
    }
  }

  private static String micros(long nanos) {
    return String.format("%.0f µs", nanos / 1e3);
  }
}
