package dev.raftpad.benchmarks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * A closed-loop load: {@code clients} workers, each with exactly one asynchronous operation
 * outstanding; a worker issues its next operation when the previous one completes. No threads per
 * worker: the next operation starts from the completion callback. A failed operation is counted and
 * retried after {@link #RETRY_AFTER}. The latencies of the operations that complete during the
 * measured window, and only those, are recorded.
 */
public final class ClosedLoop {
  /** One asynchronous operation of worker {@code worker}. */
  @FunctionalInterface
  public interface Operation {
    CompletableFuture<?> start(int worker);
  }

  /** What the measured window saw. */
  public record Outcome(long operations, double seconds, Histogram latencies, long errors) {
    public double opsPerSecond() {
      return operations / seconds;
    }
  }

  private static final Duration RETRY_AFTER = Duration.ofMillis(10);

  private final int clients;
  private final Operation operation;
  private final Latencies latencies = new Latencies();
  private final AtomicLong errors = new AtomicLong();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CountDownLatch stopped;
  private final ScheduledExecutorService retries =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("closed-loop-retry").factory());
  private volatile Throwable lastError;

  public ClosedLoop(int clients, Operation operation) {
    this.clients = clients;
    this.operation = operation;
    this.stopped = new CountDownLatch(clients);
  }

  /**
   * Runs the load for {@code warmup} (not recorded), then for {@code measured}, then stops and
   * waits (up to {@code drain}) for the outstanding operations.
   */
  public Outcome run(Duration warmup, Duration measured, Duration drain)
      throws InterruptedException {
    for (int worker = 0; worker < clients; worker++) {
      issue(worker);
    }
    sleep(warmup);
    latencies.reset();
    long errorsBefore = errors.get();
    long start = System.nanoTime();
    sleep(measured);
    Histogram window = latencies.interval();
    double seconds = (System.nanoTime() - start) / 1e9;
    long windowErrors = errors.get() - errorsBefore;
    stopping.set(true);
    if (!stopped.await(drain.toMillis(), TimeUnit.MILLISECONDS)) {
      System.err.println(
          "closed loop: " + stopped.getCount() + " operations still outstanding after " + drain);
    }
    retries.shutdownNow();
    if (windowErrors > 0 && lastError != null) {
      System.err.println("closed loop: " + windowErrors + " errors, the last: " + lastError);
    }
    return new Outcome(window.getTotalCount(), seconds, window, windowErrors);
  }

  private void issue(int worker) {
    if (stopping.get()) {
      stopped.countDown();
      return;
    }
    long start = System.nanoTime();
    CompletableFuture<?> pending;
    try {
      pending = operation.start(worker);
    } catch (RuntimeException e) {
      pending = CompletableFuture.failedFuture(e);
    }
    var unused =
        pending.whenComplete(
            (result, error) -> {
              if (error == null) {
                latencies.recordSince(start);
                issue(worker);
              } else {
                errors.incrementAndGet();
                lastError = error;
                retryLater(worker);
              }
            });
  }

  private void retryLater(int worker) {
    try {
      var unused =
          retries.schedule(() -> issue(worker), RETRY_AFTER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      stopped.countDown();
    }
  }

  /** Benchmarks wait on the wall clock on purpose: they measure it. */
  public static void sleep(Duration duration) throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    for (long left = duration.toNanos(); left > 0; left = deadline - System.nanoTime()) {
      LockSupport.parkNanos(left);
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
  }
}
