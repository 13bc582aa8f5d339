package dev.raftpad.client.sdk.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs tasks on a serial executor in the order they were posted, handing the executor one task per
 * burst instead of one per task: the events of a batch (ADR 0018) reach the listener in one turn of
 * the event executor, not one wake-up of its thread each.
 */
final class BurstDispatch {
  private final Executor executor;
  private final Queue<Runnable> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean scheduled = new AtomicBoolean();

  /**
   * @param executor runs tasks one at a time, in order (the client's event executor)
   */
  BurstDispatch(Executor executor) {
    this.executor = executor;
  }

  void post(Runnable task) {
    pending.add(task);
    if (scheduled.compareAndSet(false, true)) {
      executor.execute(this::runPending);
    }
  }

  private void runPending() {
    // Cleared first: a task posted from now on schedules another turn, which the serial executor
    // runs after this one, so nothing posted is left behind and the order is kept.
    scheduled.set(false);
    for (Runnable task = pending.poll(); task != null; task = pending.poll()) {
      try {
        task.run();
      } catch (RuntimeException e) {
        // The executor handles the failure as before; the tasks after it still run, in order.
        if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
          executor.execute(this::runPending);
        }
        throw e;
      }
    }
  }
}
