package dev.raftpad.llm.engine;

/**
 * A flag a caller raises to stop a generation. The generating thread checks it after every token
 * and cancels llama.cpp itself: cancelling from another thread would leave the generating thread
 * blocked in native code.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Asks the generation to stop; safe from any thread. */
  public void cancel() {
    cancelled = true;
  }

  /** Whether {@link #cancel()} was called. */
  public boolean isCancelled() {
    return cancelled;
  }

  /** Throws {@link GenerationCancelledException} if cancelled. */
  public void throwIfCancelled() {
    if (cancelled) {
      throw new GenerationCancelledException();
    }
  }
}
