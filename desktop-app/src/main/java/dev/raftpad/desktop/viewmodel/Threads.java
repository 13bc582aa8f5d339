package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadException;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The two places work runs. {@code ui} is the one executor through which anything from the network
 * reaches view models and views ({@code Platform::runLater} in the app, a queue the test drains in
 * unit tests); it is also the SDK's event executor. {@code background} runs the SDK's blocking
 * calls, so the UI thread never waits on the network.
 */
public record Threads(Executor ui, Executor background) {

  /**
   * Runs {@code work} in the background and hands its result (or its failure) to the UI executor.
   */
  public <T> void call(
      Supplier<T> work, Consumer<? super T> onSuccess, Consumer<RaftpadException> onFailure) {
    background.execute(
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
