package dev.raftpad.llm.scheduling;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounded concurrency: at most {@code slots} jobs run at once, each on a thread of its own (they
 * block in native code); up to {@code queueCapacity} more wait in arrival order; anything beyond
 * that is refused at once, so a caller never waits without knowing it will be served.
 */
public final class SlotScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SlotScheduler.class);

  private final int slots;
  private final int queueCapacity;
  private final ExecutorService workers;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final ArrayDeque<Ticket> waiting = new ArrayDeque<>();
  private int running;

  /** A scheduler with {@code slots} workers and room for {@code queueCapacity} waiting jobs. */
  public SlotScheduler(int slots, int queueCapacity) {
    if (slots < 1 || queueCapacity < 0) {
      throw new IllegalArgumentException("slots >= 1 and queueCapacity >= 0 required");
    }
    this.slots = slots;
    this.queueCapacity = queueCapacity;
    AtomicInteger threadNumber = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            slots,
            job -> {
              Thread thread = new Thread(job, "llm-slot-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Work for a slot. It runs on the slot's thread and returns what to do once the slot is free
   * again (on the same thread): answering the caller after the release means a caller that sends
   * its next request as soon as it has the answer never finds its own slot still taken.
   */
  @FunctionalInterface
  public interface Job {
    /** Does the work; returns the follow-up to run after the slot is released. */
    Runnable run();

    /** A job with nothing to do afterwards. */
    static Job of(Runnable work) {
      return () -> {
        work.run();
        return () -> {};
      };
    }
  }

  /** A submitted job; lets its owner take it back while it still waits. */
  public final class Ticket {
    private final Job job;

    private Ticket(Job job) {
      this.job = job;
    }

    /**
     * Removes the job from the queue if it has not started.
     *
     * @return true if it was waiting and now never runs
     */
    public boolean withdraw() {
      lock.lock();
      try {
        boolean removed = waiting.remove(this);
        changed.signalAll();
        return removed;
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Runs {@code job} on a free slot, or queues it.
   *
   * @return its ticket, or empty if every slot is busy and the queue is full
   */
  public Optional<Ticket> submit(Job job) {
    Ticket ticket = new Ticket(job);
    lock.lock();
    try {
      if (running < slots) {
        try {
          workers.execute(() -> runFrom(ticket));
        } catch (RejectedExecutionException e) {
          return Optional.empty(); // closed: shutting down
        }
        running++;
      } else if (waiting.size() < queueCapacity) {
        waiting.add(ticket);
      } else {
        return Optional.empty();
      }
      changed.signalAll();
      return Optional.of(ticket);
    } finally {
      lock.unlock();
    }
  }

  // Runs the job, releases its slot (or hands it to the next waiting job), runs the job's
  // follow-up, then the next job on the same thread, until the queue is empty.
  private void runFrom(Ticket first) {
    Ticket ticket = first;
    while (ticket != null) {
      Runnable afterwards = () -> {};
      try {
        afterwards = ticket.job.run();
      } catch (RuntimeException e) {
        log.error("an LLM job failed unexpectedly", e);
      }
      lock.lock();
      try {
        ticket = waiting.poll();
        if (ticket == null) {
          running--;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      try {
        afterwards.run();
      } catch (RuntimeException e) {
        log.error("an LLM job's follow-up failed unexpectedly", e);
      }
    }
  }

  /** The number of slots. */
  public int slots() {
    return slots;
  }

  /** The most jobs that can wait. */
  public int queueCapacity() {
    return queueCapacity;
  }

  /** Jobs running now. */
  public int busy() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Jobs waiting now. */
  public int queued() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until nothing runs and nothing waits.
   *
   * @return false if {@code timeout} passed first
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    return awaitLoad(0, 0, timeout);
  }

  /**
   * Waits until exactly {@code busy} jobs run and {@code queued} wait (for operators' tooling and
   * tests that need to know a request has arrived).
   *
   * @return false if {@code timeout} passed first
   */
  public boolean awaitLoad(int busy, int queued, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (running != busy || waiting.size() != queued) {
        if (remaining <= 0) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Stops accepting work; running jobs finish on their own (cancel them first). */
  @Override
  public void close() {
    workers.shutdown();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        log.warn("LLM jobs still running after 10 s at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
