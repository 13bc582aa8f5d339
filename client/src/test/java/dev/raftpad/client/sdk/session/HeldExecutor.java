package dev.raftpad.client.sdk.session;

import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A serial event executor whose callers wait while it is held: held, it stops the session's gRPC
 * callback thread, so the stream is no longer read and the server's queue for it fills (or, held
 * and then dropping everything, the session never learns what the server did).
 */
final class HeldExecutor implements Executor, AutoCloseable {
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private boolean held;
  private boolean dropping;

  synchronized void hold(boolean hold) {
    held = hold;
    notifyAll();
  }

  /**
   * From now on every task, held ones included, is dropped unrun: the owner of this executor stops
   * hearing anything, as a process that died would (its waiting callers return at once).
   */
  synchronized void dropEverything() {
    dropping = true;
    held = false;
    notifyAll();
  }

  @Override
  public void execute(Runnable task) {
    synchronized (this) {
      while (held) {
        try {
          wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      if (dropping) {
        return;
      }
    }
    thread.execute(task);
  }

  @Override
  public void close() {
    hold(false);
    thread.shutdown();
  }
}
