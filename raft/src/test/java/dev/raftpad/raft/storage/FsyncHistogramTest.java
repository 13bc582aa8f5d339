package dev.raftpad.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class FsyncHistogramTest {

  @Test
  void anEmptyHistogramReportsZeros() {
    assertThat(new FsyncHistogram().summary()).isEqualTo(new FsyncHistogram.Summary(0, 0, 0, 0));
  }

  @Test
  void percentilesOfAKnownDistribution() {
    FsyncHistogram histogram = new FsyncHistogram();
    for (int i = 1; i <= 1000; i++) {
      histogram.record(i * 1_000L); // 1 µs .. 1 ms
    }

    FsyncHistogram.Summary summary = histogram.summary();

    assertThat(summary.count()).isEqualTo(1000);
    assertThat(summary.maxNanos()).isEqualTo(1_000_000);
    assertThat(summary.p50Nanos()).isBetween(500_000L, 500_000L * 17 / 16);
    assertThat(summary.p99Nanos()).isBetween(990_000L, 1_000_000L);
  }

  @Property
  void aValueLandsInABucketWhoseUpperBoundIsWithinOneSixteenthAboveIt(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
    long upper = FsyncHistogram.upperBoundOf(FsyncHistogram.bucketOf(value));
    assertThat(upper).isGreaterThanOrEqualTo(value);
    assertThat(upper - value).isLessThanOrEqualTo(value / 16);
  }

  @Test
  void readersOnOtherThreadsSeeConsistentCounts() throws Exception {
    FsyncHistogram histogram = new FsyncHistogram();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CountDownLatch start = new CountDownLatch(1);
      Future<?> writer =
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 100_000; i++) {
                  histogram.record(i % 5000);
                }
                return null;
              });
      Future<Long> reader =
          pool.submit(
              () -> {
                start.await();
                long lastCount = 0;
                while (!writer.isDone()) {
                  FsyncHistogram.Summary summary = histogram.summary();
                  assertThat(summary.count()).isGreaterThanOrEqualTo(lastCount);
                  assertThat(summary.p50Nanos()).isLessThanOrEqualTo(summary.p99Nanos());
                  lastCount = summary.count();
                }
                return lastCount;
              });
      start.countDown();
      writer.get();
      reader.get();
      assertThat(histogram.summary().count()).isEqualTo(100_000);
      assertThat(histogram.summary().maxNanos()).isEqualTo(4999);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aWindowCountsOnlyTheFsyncsAfterItsStartSoAnOldSlowOneNoLongerSetsItsP99() {
    FsyncHistogram histogram = new FsyncHistogram();
    for (int i = 0; i < 100; i++) {
      histogram.record(2_000_000_000L); // a bad disk, earlier
    }
    FsyncHistogram.Counts start = histogram.counts();
    for (int i = 0; i < 1000; i++) {
      histogram.record(1_000_000);
    }

    FsyncHistogram.Summary window = histogram.summarySince(start);

    assertThat(window.count()).isEqualTo(1000);
    assertThat(window.p99Nanos()).isBetween(1_000_000L, 1_000_000L * 17 / 16);
    assertThat(window.maxNanos()).isBetween(1_000_000L, 1_000_000L * 17 / 16);
    assertThat(histogram.summary().p99Nanos()).isGreaterThan(1_000_000_000L);
    assertThat(histogram.summarySince(histogram.counts()))
        .isEqualTo(new FsyncHistogram.Summary(0, 0, 0, 0));
  }
}
