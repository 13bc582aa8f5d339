package dev.raftpad.benchmarks;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latencies recorded from any number of threads into an HdrHistogram {@link Recorder} (nanoseconds,
 * three significant digits, up to one hour). {@link #reset} at the end of the warm-up drops what
 * was recorded so far; {@link #interval} returns everything recorded since the last reset.
 */
public final class Latencies {
  private static final long HIGHEST_NANOS = TimeUnit.HOURS.toNanos(1);

  private final Recorder recorder = new Recorder(1, HIGHEST_NANOS, 3);

  /** Records one latency; any thread, wait-free. */
  public void record(long nanos) {
    recorder.recordValue(Math.min(Math.max(nanos, 1), HIGHEST_NANOS));
  }

  /** Records the time since {@code startNanos} ({@link System#nanoTime}). */
  public void recordSince(long startNanos) {
    record(System.nanoTime() - startNanos);
  }

  /** Discards everything recorded so far (the end of a warm-up). */
  public void reset() {
    var unused = recorder.getIntervalHistogram();
  }

  /** Everything recorded since the last {@link #reset} or {@link #interval}; resets. */
  public Histogram interval() {
    return recorder.getIntervalHistogram();
  }

  /** A percentile of a nanosecond histogram in milliseconds, three decimals; NaN if empty. */
  public static double millis(Histogram histogram, double percentile) {
    if (histogram.getTotalCount() == 0) {
      return Double.NaN;
    }
    return BenchResult.round(histogram.getValueAtPercentile(percentile) / 1e6, 3);
  }
}
