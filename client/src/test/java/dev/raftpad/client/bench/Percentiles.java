package dev.raftpad.client.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles: with 20 samples, p50 is the 10th smallest and p99 the largest. */
final class Percentiles {
  private final long[] sorted;

  Percentiles(List<Long> samples) {
    this.sorted = samples.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  long at(double percent) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(percent / 100 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  long max() {
    return sorted.length == 0 ? -1 : sorted[sorted.length - 1];
  }

  @Override
  public String toString() {
    return Arrays.toString(sorted);
  }
}
