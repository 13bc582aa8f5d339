package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.AiCall;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.AiEvent;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The AI panel: summarize, or fix grammar and preview the correction as a diff to accept or reject.
 * Output streams in; a running call can be stopped. UI executor only.
 */
public final class AiViewModel {
  private final EditorViewModel editor;
  private final StringProperty output = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty("");
  private final StringProperty command = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private final ObjectProperty<Optional<Suggestion>> suggestion =
      new SimpleObjectProperty<>(Optional.empty());
  private final ObservableList<DiffSegment> preview = FXCollections.observableArrayList();
  private AiCall call;
  private long generation;

  public AiViewModel(EditorViewModel editor) {
    this.editor = editor;
  }

  /** The text generated so far. */
  public StringProperty outputProperty() {
    return output;
  }

  /** A status or failure in words ("Stopped.", "The LLM node has no model loaded..."). */
  public StringProperty messageProperty() {
    return message;
  }

  /** A command that fixes the last failure ("./raftpad model fetch"), to copy; else empty. */
  public StringProperty commandProperty() {
    return command;
  }

  public BooleanProperty runningProperty() {
    return running;
  }

  /** A grammar correction waiting for accept or reject. */
  public ObjectProperty<Optional<Suggestion>> suggestionProperty() {
    return suggestion;
  }

  /** The pending correction as a diff of the text it was made for. */
  public ObservableList<DiffSegment> preview() {
    return preview;
  }

  /** Summarizes the selection, or the whole document when nothing is selected. */
  public void summarize() {
    start(false);
  }

  /** Fixes the grammar of the selection, or of the whole document. */
  public void fixGrammar() {
    start(true);
  }

  /** Stops generation; what streamed so far stays. */
  public void stop() {
    if (call != null) {
      call.cancel().run();
      call = null;
      generation++;
      running.set(false);
      message.set("Stopped.");
    }
  }

  /** Applies the pending correction as an ordinary edit (it merges with concurrent typing). */
  public void accept() {
    Optional<Suggestion> pending = suggestion.get();
    if (pending.isEmpty()) {
      return;
    }
    Suggestion s = pending.get();
    if (editor.isSynchronized() && editor.revision() == s.baseRevision()) {
      apply(s.operation());
      return;
    }
    if (!editor.isSynchronized()) {
      message.set("Your latest edits are still being saved; accept again in a moment.");
      return;
    }
    // The document moved on since the text was read: carry the correction over what changed.
    long head = editor.revision();
    editor
        .threads()
        .call(
            () -> editor.client().history().diff(editor.documentId(), s.baseRevision(), head),
            since -> {
              if (editor.revision() != head || !editor.isSynchronized()) {
                message.set("The document changed meanwhile; accept again.");
                return;
              }
              apply(since.transform(s.operation(), true));
            },
            e -> message.set(Problems.describe(e)));
  }

  public void reject() {
    suggestion.set(Optional.empty());
    preview.clear();
    message.set("Suggestion rejected.");
  }

  private void apply(Operation operation) {
    editor.edit(operation);
    suggestion.set(Optional.empty());
    preview.clear();
    message.set("Correction applied.");
  }

  private void start(boolean grammar) {
    stop();
    long mine = ++generation;
    output.set("");
    command.set("");
    message.set(grammar ? "Fixing grammar…" : "Summarizing…");
    suggestion.set(Optional.empty());
    preview.clear();
    running.set(true);
    Selection sel = editor.selection();
    Optional<Selection> range = sel.isCaret() ? Optional.empty() : Optional.of(sel);
    var ai = editor.client().ai();
    String id = editor.documentId();
    // Tokens arrive on the UI executor (the SDK's event executor); the end on a worker thread.
    call =
        grammar
            ? ai.fixGrammar(id, OptionalLong.empty(), range, t -> token(mine, t))
            : ai.summarize(id, OptionalLong.empty(), range, t -> token(mine, t));
    var unused =
        call.result()
            .whenComplete(
                (done, failure) -> {
                  if (failure == null) {
                    completed(mine, done, grammar);
                  } else {
                    editor.threads().ui().execute(() -> failed(mine, failure));
                  }
                });
  }

  private void token(long mine, AiEvent.Token token) {
    if (mine == generation) {
      output.set(output.get() + token.text());
    }
  }

  /** On the SDK's worker thread: fetches the text that was read, then shows the result. */
  private void completed(long mine, AiEvent.Completed done, boolean grammar) {
    if (!grammar || done.suggestion().isEmpty()) {
      editor.threads().ui().execute(() -> finish(mine, done, Optional.empty(), List.of()));
      return;
    }
    editor
        .threads()
        .call(
            () ->
                editor
                    .client()
                    .documents()
                    .get(editor.documentId(), OptionalLong.of(done.baseRevision()), false)
                    .content(),
            (Document base) ->
                finish(
                    mine,
                    done,
                    Optional.of(new Suggestion(done.baseRevision(), done.suggestion().get())),
                    DiffSegment.of(base, done.suggestion().get())),
            e -> failed(mine, e));
  }

  private void finish(
      long mine, AiEvent.Completed done, Optional<Suggestion> fix, List<DiffSegment> diff) {
    if (mine != generation) {
      return;
    }
    call = null;
    running.set(false);
    output.set(done.text());
    suggestion.set(fix);
    preview.setAll(diff);
    message.set(fix.isPresent() ? "Review the correction, then accept or reject it." : "Done.");
  }

  private void failed(long mine, Throwable failure) {
    if (mine != generation) {
      return;
    }
    call = null;
    running.set(false);
    Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
    if (cause instanceof RaftpadException e) {
      message.set(Problems.describe(e));
      command.set(Problems.command(e));
    } else {
      message.set(String.valueOf(cause));
    }
  }

  /** A grammar correction: an operation against the revision that was read. */
  public record Suggestion(long baseRevision, Operation operation) {}
}
