package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.text.Document;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A value derived from the whole document (the outline, the suggestions) kept current without
 * walking the document on the UI thread: each {@link #request} computes it in the background from a
 * snapshot (documents are immutable), at most one computation at a time, and requests made while
 * one runs are coalesced into one more run on the newest document. Each result is handed to the UI
 * executor; one computed from a document that has changed since is still shown (it is closer than
 * the one before), and the run that follows brings the newest. So keystrokes cost nothing here, and
 * once the document rests the value is exactly that of the document. UI executor only.
 */
public final class BackgroundRefresh<T> {
  private final Threads threads;
  private final Supplier<Document> document;
  private final Function<Document, T> compute;
  private final Consumer<T> show;
  private boolean running;
  private boolean again;

  /**
   * @param document the current document (read on the UI executor)
   * @param compute the value of a document; runs in the background, so it must only read it
   * @param show takes each result on the UI executor
   */
  public BackgroundRefresh(
      Threads threads,
      Supplier<Document> document,
      Function<Document, T> compute,
      Consumer<T> show) {
    this.threads = threads;
    this.document = document;
    this.compute = compute;
    this.show = show;
  }

  /**
   * The document changed: compute the value again (now, or after the run under way). Documents are
   * compared by identity on purpose: a change makes a new instance, and comparing contents would
   * walk the document.
   */
  @SuppressWarnings("ReferenceEquality")
  public void request() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    again = false;
    Document snapshot = document.get();
    threads.call(
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
