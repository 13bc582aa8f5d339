package dev.raftpad.desktop.testing;

import dev.raftpad.testkit.Await;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * The UI executor of view-model tests: tasks queue up and run on the test thread when it drains
 * them, so view models are touched by one thread, as on the FX thread.
 */
public final class QueueExecutor implements Executor {
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();

  @Override
  public void execute(Runnable task) {
    tasks.add(task);
  }

  /** Runs what is queued (and what that queues). */
  public void drain() {
    Runnable task;
    while ((task = tasks.poll()) != null) {
      task.run();
    }
  }

  /**
   * Runs queued tasks one at a time until {@code condition} holds after one of them (so what the
   * tasks after it would do has not happened yet), or fails after {@link Poll#WAIT}.
   */
  public void runUntil(String what, BooleanSupplier condition) {
    Await.until(
        what,
        () -> {
          Runnable task;
          while ((task = tasks.poll()) != null) {
            task.run();
            if (condition.getAsBoolean()) {
              return true;
            }
          }
          return condition.getAsBoolean();
        });
  }

  /** Drains until {@code condition} holds, or fails after {@link Poll#WAIT}. */
  public void drainUntil(String what, BooleanSupplier condition) {
    Await.until(
        what,
        () -> {
          drain();
          return condition.getAsBoolean();
        });
  }
}
