package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.AiCall;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.AiEvent;
import dev.raftpad.document.op.Selection;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The AI panel's Ask section: a question about the selection (or the whole document), the answer
 * streamed as it comes, Cancel, failures in words. UI executor only.
 */
public final class AskViewModel {
  /** The server refuses longer questions; saying so here saves a round trip. */
  public static final int MAX_QUESTION = 2_000;

  private final EditorViewModel editor;
  private final StringProperty question = new SimpleStringProperty("");
  private final StringProperty answer = new SimpleStringProperty("");
  private final StringProperty message = new SimpleStringProperty("");
  private final BooleanProperty running = new SimpleBooleanProperty(false);
  private AiCall call;
  private long generation;

  public AskViewModel(EditorViewModel editor) {
    this.editor = editor;
  }

  public StringProperty questionProperty() {
    return question;
  }

  /** The answer so far. */
  public StringProperty answerProperty() {
    return answer;
  }

  /** "Thinking…", "Cancelled.", or what went wrong. */
  public StringProperty messageProperty() {
    return message;
  }

  public BooleanProperty runningProperty() {
    return running;
  }

  /** Asks the question about the selection, or the whole document when nothing is selected. */
  public void ask() {
    String q = question.get().strip();
    if (q.isEmpty()) {
      message.set("Type a question first.");
      return;
    }
    if (q.length() > MAX_QUESTION) {
      message.set("The question is too long: at most " + MAX_QUESTION + " characters.");
      return;
    }
    cancel();
    long mine = ++generation;
    answer.set("");
    message.set("Thinking…");
    running.set(true);
    Selection sel = editor.selection();
    Optional<Selection> range = sel.isCaret() ? Optional.empty() : Optional.of(sel);
    // Tokens arrive on the UI executor (the SDK's event executor); the end on a worker thread.
    call =
        editor
            .client()
            .ai()
            .ask(editor.documentId(), q, OptionalLong.empty(), range, t -> token(mine, t));
    var unused =
        call.result()
            .whenComplete(
                (done, failure) ->
                    editor
                        .threads()
                        .ui()
                        .execute(
                            () -> {
                              if (failure == null) {
                                done(mine, done);
                              } else {
                                failed(mine, failure);
                              }
                            }));
  }

  /** Stops the answer; what streamed so far stays. */
  public void cancel() {
    if (call != null) {
      call.cancel().run();
      call = null;
      generation++;
      running.set(false);
      message.set("Cancelled.");
    }
  }

  private void token(long mine, AiEvent.Token token) {
    if (mine == generation) {
      answer.set(answer.get() + token.text());
    }
  }

  private void done(long mine, AiEvent.Completed done) {
    if (mine != generation) {
      return;
    }
    call = null;
    running.set(false);
    answer.set(done.text());
    message.set("Done.");
  }

  private void failed(long mine, Throwable failure) {
    if (mine != generation) {
      return;
    }
    call = null;
    running.set(false);
    Throwable cause = failure instanceof CompletionException c ? c.getCause() : failure;
    message.set(
        cause instanceof RaftpadException e
            ? Problems.describe(e)
            : "The AI call failed unexpectedly. Try again.");
  }
}
