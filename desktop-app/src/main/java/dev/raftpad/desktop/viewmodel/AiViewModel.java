package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.Ai;
import dev.raftpad.client.sdk.AiCall;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.AiEvent;
import dev.raftpad.client.sdk.model.DocumentRole;
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

  /** The user's role: which tasks the panel offers. */
  public ObjectProperty<DocumentRole> roleProperty() {
    return editor.roleProperty();
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

  /** What the panel asks of the AI, and what becomes of the result. */
  public enum Task {
    SUMMARIZE("Summarizing…", Ai.Delivery.PREVIEW),
    /** The summary posted as the assistant's comment on the range. */
    SUMMARIZE_AS_COMMENT("Summarizing as a comment…", Ai.Delivery.AS_COMMENT),
    FIX_GRAMMAR("Fixing grammar…", Ai.Delivery.PREVIEW),
    /** The correction submitted as the assistant's suggestion, for an editor to accept. */
    SUGGEST_GRAMMAR("Suggesting grammar fixes…", Ai.Delivery.AS_SUGGESTION),
    IMPROVE_WRITING("Improving the writing…", Ai.Delivery.PREVIEW),
    SUGGEST_IMPROVEMENT("Suggesting better writing…", Ai.Delivery.AS_SUGGESTION);

    final String underWay;
    final Ai.Delivery delivery;

    Task(String underWay, Ai.Delivery delivery) {
      this.underWay = underWay;
      this.delivery = delivery;
    }

    /** Whether the result is a correction to preview and accept here. */
    boolean previews() {
      return (this == FIX_GRAMMAR || this == IMPROVE_WRITING);
    }

    /**
     * Whether {@code role} may start it: a preview ends in a direct edit (editors), a suggestion or
     * comment needs a commenter's role.
     */
    public boolean allowedFor(DocumentRole role) {
      return switch (this) {
        case SUMMARIZE -> role.atLeast(DocumentRole.VIEWER);
        case FIX_GRAMMAR, IMPROVE_WRITING -> role.canEdit();
        case SUMMARIZE_AS_COMMENT, SUGGEST_GRAMMAR, SUGGEST_IMPROVEMENT ->
            role.atLeast(DocumentRole.COMMENTER);
      };
    }
  }

  /** Summarizes the selection, or the whole document when nothing is selected. */
  public void summarize() {
    start(Task.SUMMARIZE);
  }

  /** Fixes the grammar of the selection, or of the whole document. */
  public void fixGrammar() {
    start(Task.FIX_GRAMMAR);
  }

  /** Starts {@code task} on the selection, or on the whole document. */
  public void run(Task task) {
    start(task);
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

  private void start(Task task) {
    if (!task.allowedFor(editor.roleProperty().get())) {
      message.set(
          "Your role on this document does not allow that."
              + (task.previews() ? " Use Suggest instead." : ""));
      return;
    }
    stop();
    long mine = ++generation;
    output.set("");
    command.set("");
    message.set(task.underWay);
    suggestion.set(Optional.empty());
    preview.clear();
    running.set(true);
    Selection sel = editor.selection();
    Optional<Selection> range = sel.isCaret() ? Optional.empty() : Optional.of(sel);
    var ai = editor.client().ai();
    String id = editor.documentId();
    // Tokens arrive on the UI executor (the SDK's event executor); the end on a worker thread.
    call =
        switch (task) {
          case SUMMARIZE, SUMMARIZE_AS_COMMENT ->
              ai.summarize(id, OptionalLong.empty(), range, task.delivery, t -> token(mine, t));
          case FIX_GRAMMAR, SUGGEST_GRAMMAR ->
              ai.fixGrammar(id, OptionalLong.empty(), range, task.delivery, t -> token(mine, t));
          case IMPROVE_WRITING, SUGGEST_IMPROVEMENT ->
              ai.improveWriting(
                  id, OptionalLong.empty(), range, task.delivery, t -> token(mine, t));
        };
    var unused =
        call.result()
            .whenComplete(
                (done, failure) -> {
                  if (failure == null) {
                    completed(mine, done, task);
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
  private void completed(long mine, AiEvent.Completed done, Task task) {
    if (!task.previews() || done.suggestion().isEmpty()) {
      editor
          .threads()
          .ui()
          .execute(() -> finish(mine, done, Optional.empty(), List.of(), delivered(task, done)));
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
                    DiffSegment.of(base, done.suggestion().get()),
                    "Review the correction, then accept or reject it."),
            e -> failed(mine, e));
  }

  /** What the panel says when a call ends without a correction to preview here. */
  static String delivered(Task task, AiEvent.Completed done) {
    return switch (task.delivery) {
      case AS_SUGGESTION ->
          done.submitted().isPresent()
              ? "The assistant's suggestion is in the margin for an editor to accept."
              : "Nothing to change.";
      case AS_COMMENT ->
          done.threadId().isPresent()
              ? "Posted as the assistant's comment."
              : "Nothing was posted.";
      case PREVIEW -> task.previews() ? "Nothing to change." : "Done.";
    };
  }

  private void finish(
      long mine,
      AiEvent.Completed done,
      Optional<Suggestion> fix,
      List<DiffSegment> diff,
      String status) {
    if (mine != generation) {
      return;
    }
    call = null;
    running.set(false);
    output.set(done.text());
    suggestion.set(fix);
    preview.setAll(diff);
    message.set(status);
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
      message.set("The AI call failed unexpectedly. Try again.");
    }
  }

  /** A grammar correction: an operation against the revision that was read. */
  public record Suggestion(long baseRevision, Operation operation) {}
}
