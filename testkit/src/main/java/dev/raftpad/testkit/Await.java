package dev.raftpad.testkit;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waiting in tests for something that happens on other threads: poll a condition until a deadline,
 * never a fixed pause. The one such helper of the whole build; a timeout fails with what was
 * awaited.
 */
public final class Await {
  /** The default deadline: generous, because a slow machine must not fail a correct test. */
  public static final Duration WAIT = Duration.ofSeconds(30);

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private Await() {}

  /** Waits until {@code condition} holds; fails naming {@code what} after {@code timeout}. */
  public static void until(String what, Duration timeout, BooleanSupplier condition) {
    var unused = value(what, timeout, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }

  /** {@link #until(String, Duration, BooleanSupplier)} within {@link #WAIT}. */
  public static void until(String what, BooleanSupplier condition) {
    until(what, WAIT, condition);
  }

  /** Waits until {@code value} returns non-null and returns it; fails after {@code timeout}. */
  public static <T> T value(String what, Duration timeout, Supplier<T> value) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** {@link #value(String, Duration, Supplier)} within {@link #WAIT}. */
  public static <T> T value(String what, Supplier<T> value) {
    return value(what, WAIT, value);
  }
}
