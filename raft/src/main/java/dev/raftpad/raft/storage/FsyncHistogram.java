package dev.raftpad.raft.storage;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies of fsync calls, in nanoseconds: count, p50, p99 and max since the storage opened.
 *
 * <p>The storage thread records; any thread (the server's status RPC) reads, without locks. Values
 * land in log-linear buckets (16 per power of two), so a percentile is reported as the upper bound
 * of its bucket: at most 1/16 (6.25 %) above the true value, never below it. Memory is fixed, so
 * recording for months costs the same as for a second.
 */
public final class FsyncHistogram {
  private static final int SUB_BUCKET_BITS = 4;
  private static final int SUB_BUCKETS = 1 << SUB_BUCKET_BITS;
  private static final int BUCKETS = (Long.SIZE - SUB_BUCKET_BITS) * SUB_BUCKETS;

  private final AtomicLongArray buckets = new AtomicLongArray(BUCKETS);
  private final AtomicLong count = new AtomicLong();
  private final AtomicLong max = new AtomicLong();

  /** Records one latency; negative values (a clock that went backwards) count as zero. */
  public void record(long nanos) {
    long value = Math.max(0, nanos);
    // Max first: a reader that sees the bucket count then also sees a max at least this large.
    max.accumulateAndGet(value, Math::max);
    buckets.incrementAndGet(bucketOf(value));
    count.incrementAndGet();
  }

  /**
   * The figures so far. Read while another thread records, the summary may miss the latest sample
   * in one field and not another; each field is still a value that was true a moment ago.
   */
  public Summary summary() {
    long[] counts = counts().buckets;
    // Read after the buckets: the max is then at least every value counted in them.
    return summaryOf(counts, max.get());
  }

  /** The bucket counts now, for a later {@link #summarySince}. */
  public Counts counts() {
    long[] copy = new long[BUCKETS];
    for (int i = 0; i < BUCKETS; i++) {
      copy[i] = buckets.get(i);
    }
    return new Counts(copy);
  }

  /**
   * The figures of the fsyncs recorded after {@code earlier} was taken: a window, where {@link
   * #summary()} covers the storage's life. Its max is the upper bound of the slowest bucket seen
   * (at most the lifetime max), since the exact max of a window is not kept.
   */
  public Summary summarySince(Counts earlier) {
    long[] window = counts().buckets;
    int slowest = -1;
    for (int i = 0; i < BUCKETS; i++) {
      window[i] -= earlier.buckets[i];
      if (window[i] > 0) {
        slowest = i;
      }
    }
    long maxNanos = slowest < 0 ? 0 : Math.min(upperBoundOf(slowest), max.get());
    return summaryOf(window, maxNanos);
  }

  private static Summary summaryOf(long[] counts, long maxNanos) {
    long total = 0;
    for (long c : counts) {
      total += c;
    }
    return new Summary(
        total,
        percentile(counts, total, 0.50, maxNanos),
        percentile(counts, total, 0.99, maxNanos),
        maxNanos);
  }

  /** Number of fsyncs recorded; cheaper than {@link #summary()}. */
  public long count() {
    return count.get();
  }

  private static long percentile(long[] counts, long total, double quantile, long maxNanos) {
    if (total == 0) {
      return 0;
    }
    long rank = Math.max(1, (long) Math.ceil(quantile * total));
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return Math.min(upperBoundOf(i), maxNanos);
      }
    }
    return maxNanos;
  }

  static int bucketOf(long value) {
    if (value < SUB_BUCKETS) {
      return (int) value;
    }
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    int shift = exponent - SUB_BUCKET_BITS;
    int mantissa = (int) (value >>> shift); // in [SUB_BUCKETS, 2 * SUB_BUCKETS)
    return (shift + 1) * SUB_BUCKETS + (mantissa - SUB_BUCKETS);
  }

  static long upperBoundOf(int bucket) {
    if (bucket < SUB_BUCKETS) {
      return bucket;
    }
    int shift = bucket / SUB_BUCKETS - 1;
    long mantissa = (long) SUB_BUCKETS + bucket % SUB_BUCKETS;
    long upper = ((mantissa + 1) << shift) - 1;
    return upper < 0 ? Long.MAX_VALUE : upper;
  }

  /** Bucket counts at one moment (opaque: only {@link #summarySince} reads them). */
  public static final class Counts {
    private final long[] buckets;

    private Counts(long[] buckets) {
      this.buckets = buckets;
    }
  }

  /**
   * Fsync figures at one moment.
   *
   * @param count fsyncs recorded
   * @param p50Nanos median latency (bucket upper bound)
   * @param p99Nanos 99th percentile latency (bucket upper bound)
   * @param maxNanos the slowest fsync, exact
   */
  public record Summary(long count, long p50Nanos, long p99Nanos, long maxNanos) {}
}
