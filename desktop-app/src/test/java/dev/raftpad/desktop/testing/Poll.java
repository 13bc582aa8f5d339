package dev.raftpad.desktop.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for something that happens on other threads: poll with a deadline, never sleep. */
public final class Poll {
  public static final Duration WAIT = Duration.ofSeconds(30);

  private Poll() {}

  /** The first non-null value of {@code value} within {@link #WAIT}. */
  public static <T> T until(String what, Supplier<T> value) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      T v = value.get();
      if (v != null) {
        return v;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + what + " within " + WAIT);
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
    }
  }

  public static void untilTrue(String what, BooleanSupplier condition) {
    var unused = until(what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
  }
}
