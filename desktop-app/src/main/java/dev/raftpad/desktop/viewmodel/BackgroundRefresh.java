package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.text.Document;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value derived from the whole document (the outline, the suggestions) kept current without
 * walking the document on the UI thread: each {@link #request} computes it in the background from a
 * snapshot (documents are immutable), at most one computation at a time, and requests made while
 * one runs are coalesced into one more run on the newest document. With a quiet period, a run
 * starts only once the document has rested that long: while someone types, the walks (and their
 * garbage, whose collection pauses the FX thread too) wait for a pause, as Google Docs' outline
 * does. Each result is handed to the UI executor; one computed from a document that has changed
 * since is still shown (it is closer than the one before), and the run that follows brings the
 * newest. So keystrokes cost nothing here, and once the document rests the value is exactly that of
 * the document. UI executor only.
 */
public final class BackgroundRefresh<T> {
  private final Threads threads;
  private final Supplier<Document> document;
  private final Function<Document, T> compute;
  private final Consumer<T> show;
  private final QuietPeriod quiet;
  private boolean running;
  private boolean again;

  /**
   * @param quiet how long the document must rest before a run starts (zero: at once)
   * @param document the current document (read on the UI executor)
   * @param compute the value of a document; runs in the background, so it must only read it
   * @param show takes each result on the UI executor
   */
  public BackgroundRefresh(
      Threads threads,
      Duration quiet,
      Supplier<Document> document,
      Function<Document, T> compute,
      Consumer<T> show) {
    this.threads = threads;
    this.quiet = new QuietPeriod(threads, quiet, this::quietOver);
    this.document = document;
    this.compute = compute;
    this.show = show;
  }

  /**
   * The document changed: compute the value again (after the quiet period, or the run under way).
   */
  public void request() {
    if (running) {
      again = true;
    } else {
      quiet.poke();
    }
  }

  /** The document rested: runs now, or once the run under way ends. */
  private void quietOver() {
    if (running) {
      again = true;
    } else {
      start();
    }
  }

  /**
   * Runs the computation on the document as it is now. Documents are compared by identity on
   * purpose: a change makes a new instance, and comparing contents would walk the document.
   */
  @SuppressWarnings("ReferenceEquality")
  private void start() {
    running = true;
    again = false;
    Document snapshot = document.get();
    threads.compute(
        () -> compute.apply(snapshot),
        result -> {
          running = false;
          show.accept(result);
          if (again || snapshot != document.get()) {
            request();
          }
        },
        failure -> {
          // A computation that fails is a bug; the next change tries again rather than never.
          running = false;
          throw new IllegalStateException("refresh failed: " + failure.getMessage(), failure);
        });
  }
}
