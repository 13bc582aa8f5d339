package dev.raftpad.benchmarks;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The machine's fsync: append {@code --bytes} to a file and {@code force(false)} (fdatasync, what
 * the WAL does), one at a time, for {@code --seconds}. The ceiling of any one-fsync-per-write log
 * on this disk; printed with the tables in docs/benchmarks.md.
 */
@Command(
    name = "fsync",
    mixinStandardHelpOptions = true,
    description = "fsync probe: append + fdatasync in a loop, one JSON line.")
public final class FsyncProbe implements Callable<Integer> {
  @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds.")
  double seconds;

  @Option(names = "--warmup", defaultValue = "1", description = "Seconds before measuring.")
  double warmupSeconds;

  @Option(names = "--bytes", defaultValue = "128", description = "Bytes per write.")
  int bytes;

  @Option(names = "--dir", description = "Directory to probe (default: the system temp dir).")
  Path dir;

  @Override
  public Integer call() throws Exception {
    System.out.println(run(dir, bytes, seconds(warmupSeconds), seconds(seconds)).toJson());
    return 0;
  }

  private static Duration seconds(double s) {
    return Duration.ofMillis((long) (s * 1000));
  }

  public static BenchResult run(Path parent, int bytes, Duration warmup, Duration measured)
      throws Exception {
    Latencies latencies = new Latencies();
    long operations;
    double elapsed;
    try (TempDir temp = TempDir.create(parent, "raftpad-fsync-");
        FileChannel file =
            FileChannel.open(
                temp.resolve("probe"), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      ByteBuffer record = ByteBuffer.allocate(bytes);
      long warmupEnd = System.nanoTime() + warmup.toNanos();
      while (System.nanoTime() < warmupEnd) {
        write(file, record);
      }
      latencies.reset();
      long start = System.nanoTime();
      long end = start + measured.toNanos();
      for (long now = start; now < end; now = System.nanoTime()) {
        write(file, record);
        latencies.recordSince(now);
      }
      elapsed = (System.nanoTime() - start) / 1e9;
      var histogram = latencies.interval();
      operations = histogram.getTotalCount();
      return BenchResult.builder("fsync")
          .param("bytes", bytes)
          .param("dir", temp.path().getParent().toString())
          .param("warmup_s", warmup.toMillis() / 1000.0)
          .param("seconds", measured.toMillis() / 1000.0)
          .latencies(operations, elapsed, histogram)
          .build();
    }
  }

  private static void write(FileChannel file, ByteBuffer record) throws java.io.IOException {
    record.clear();
    while (record.hasRemaining()) {
      file.write(record);
    }
    file.force(false);
  }
}
