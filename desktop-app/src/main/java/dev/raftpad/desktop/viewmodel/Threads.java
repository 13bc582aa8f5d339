package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The places work runs. {@code ui} is the one executor through which anything from the network
 * reaches view models and views ({@code Platform::runLater} in the app, a queue the test drains in
 * unit tests); it is also the SDK's event executor. {@code background} runs the SDK's blocking
 * calls, so the UI thread never waits on the network. {@code analysis} runs the walks over a whole
 * document (spelling, outline, word count, building a large document's text, decoding images): in
 * the app one thread, so that however many of them a change sets off, they take one core at most
 * and leave the others to the FX and render threads (on a two-core laptop, all of them at once on
 * the cached pool made the FX thread wait for a core).
 */
public record Threads(Executor ui, Executor background, Executor analysis) {
  /** Analysis on the background executor: for tests that drain one queue of background work. */
  public Threads(Executor ui, Executor background) {
    this(ui, background, background);
  }

  /** The app's analysis executor: one daemon thread. */
  public static java.util.concurrent.ExecutorService analysisThread(String name) {
    return java.util.concurrent.Executors.newSingleThreadExecutor(
        Thread.ofPlatform().daemon().name(name).factory());
  }

  /**
   * Runs {@code work} in the background and hands its result (or its failure) to the UI executor.
   */
  public <T> void call(
      Supplier<T> work, Consumer<? super T> onSuccess, Consumer<RaftpadException> onFailure) {
    callOn(background, work, onSuccess, onFailure);
  }

  /**
   * Like {@link #call}, for a computation over the document rather than a call to the cluster: runs
   * on {@code analysis}.
   */
  public <T> void compute(
      Supplier<T> work, Consumer<? super T> onSuccess, Consumer<RaftpadException> onFailure) {
    callOn(analysis, work, onSuccess, onFailure);
  }

  private <T> void callOn(
      Executor executor,
      Supplier<T> work,
      Consumer<? super T> onSuccess,
      Consumer<RaftpadException> onFailure) {
    executor.execute(
        () -> {
          T result;
          try {
            result = work.get();
          } catch (RaftpadException e) {
            ui.execute(() -> onFailure.accept(e));
            return;
          } catch (RuntimeException e) {
            RaftpadException wrapped =
                new RaftpadException(RaftpadException.Reason.INTERNAL, String.valueOf(e));
            ui.execute(() -> onFailure.accept(wrapped));
            return;
          }
          ui.execute(() -> onSuccess.accept(result));
        });
  }

  /** {@link #call} for work without a result. */
  public void run(Runnable work, Runnable onSuccess, Consumer<RaftpadException> onFailure) {
    call(
        () -> {
          work.run();
          return Boolean.TRUE;
        },
        ignored -> onSuccess.run(),
        onFailure);
  }
}
