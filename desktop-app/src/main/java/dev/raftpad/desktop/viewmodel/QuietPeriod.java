package dev.raftpad.desktop.viewmodel;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs an action once {@link #poke}s have stopped for a while: work that reads the whole document
 * (the outline, the suggestions, the word count, the spell check) waits for a pause in typing
 * instead of running per keystroke — on a million-code-point document each such run is megabytes of
 * garbage, and the collections it causes pause the FX thread too. UI executor only.
 */
public final class QuietPeriod {
  /** How long typing must pause before whole-document work runs again. */
  public static final Duration TYPING = Duration.ofMillis(300);

  private final Threads threads;
  private final long quietNanos;
  private final Runnable action;
  private boolean waiting;
  private long lastPoke;

  /**
   * @param quiet how long the pokes must stop (zero: the action runs at each poke)
   * @param action runs on the UI executor
   */
  public QuietPeriod(Threads threads, Duration quiet, Runnable action) {
    this.threads = threads;
    this.quietNanos = quiet.toNanos();
    this.action = action;
  }

  /** Something changed: run the action once nothing has changed for the quiet period. */
  public void poke() {
    if (quietNanos == 0) {
      action.run();
      return;
    }
    lastPoke = System.nanoTime();
    if (!waiting) {
      waiting = true;
      wakeIn(quietNanos);
    }
  }

  private void wakeIn(long nanos) {
    CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS, threads.ui())
        .execute(this::wake);
  }

  /** A wake-up: runs the action if the pokes rested long enough, else waits for the rest. */
  private void wake() {
    long rested = System.nanoTime() - lastPoke;
    if (rested < quietNanos) {
      wakeIn(quietNanos - rested);
      return;
    }
    waiting = false;
    action.run();
  }
}
