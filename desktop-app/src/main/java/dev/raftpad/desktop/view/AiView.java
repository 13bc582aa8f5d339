package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.AiViewModel;
import dev.raftpad.desktop.viewmodel.AiViewModel.Task;
import dev.raftpad.desktop.viewmodel.AskViewModel;
import dev.raftpad.desktop.viewmodel.DiffSegment;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Separator;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

/**
 * Summarize, fix grammar and improve writing (preview and accept here, or Suggest: the assistant's
 * suggestion in everyone's margin; a summary can be posted as a comment), streaming, with stop; and
 * Ask: a question about the document, answered as it streams, with Cancel.
 */
final class AiView {
  private AiView() {}

  static Parent build(AiViewModel model, AskViewModel ask) {
    Button summarize = task(model, Task.SUMMARIZE, "Summarize", "ai-summarize", "Summary here");
    Button summaryComment =
        task(
            model,
            Task.SUMMARIZE_AS_COMMENT,
            "Post as comment",
            "ai-summarize-comment",
            "Post the summary as the assistant's comment on the text");
    Button grammar =
        task(model, Task.FIX_GRAMMAR, "Fix grammar", "ai-fix-grammar", "Preview a correction");
    Button suggestGrammar =
        task(
            model,
            Task.SUGGEST_GRAMMAR,
            "Suggest",
            "ai-suggest-grammar",
            "The assistant suggests the fixes in the text, for an editor to accept");
    Button improve =
        task(
            model,
            Task.IMPROVE_WRITING,
            "Improve writing",
            "ai-improve",
            "Preview a rewrite that reads better");
    Button suggestImprovement =
        task(
            model,
            Task.SUGGEST_IMPROVEMENT,
            "Suggest",
            "ai-suggest-improvement",
            "The assistant suggests the rewrite in the text, for an editor to accept");
    Button stop = new Button("Stop");
    stop.setId("ai-stop");
    stop.setOnAction(e -> model.stop());
    stop.setMinWidth(Region.USE_PREF_SIZE);
    stop.disableProperty().bind(model.runningProperty().not());

    GridPane tasks = new GridPane();
    tasks.setHgap(6);
    tasks.setVgap(6);
    ColumnConstraints labels = new ColumnConstraints();
    labels.setMinWidth(Region.USE_PREF_SIZE);
    tasks.getColumnConstraints().add(labels);
    tasks.addRow(0, muted("Summary"), summarize, summaryComment, stop);
    tasks.addRow(1, muted("Grammar"), grammar, suggestGrammar);
    tasks.addRow(2, muted("Writing"), improve, suggestImprovement);
    for (Button b : java.util.List.of(summarize, grammar, improve)) {
      b.setMaxWidth(Double.MAX_VALUE);
    }

    Label message = new Label();
    message.setId("ai-message");
    message.setWrapText(true);
    // As many lines as the words need: in a full VBox a wrapped label is otherwise cut to "…".
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(model.messageProperty());
    Node command = CommandLine.build(model.commandProperty());
    TextArea output = new TextArea();
    output.setId("ai-output");
    output.setAccessibleText("The assistant's result");
    output.setEditable(false);
    output.setWrapText(true);
    output.setPrefRowCount(5);
    output.textProperty().bind(model.outputProperty());

    TextFlow preview = new TextFlow();
    preview.setId("ai-preview");
    model
        .preview()
        .addListener(
            (ListChangeListener<DiffSegment>) c -> DiffText.show(preview, model.preview()));
    ScrollPane previewScroll = new ScrollPane(preview);
    previewScroll.setFitToWidth(true);
    previewScroll.setPrefHeight(100);
    Button accept = new Button("Accept");
    accept.setId("ai-accept");
    accept.setOnAction(e -> model.accept());
    Button reject = new Button("Reject");
    reject.setId("ai-reject");
    reject.setOnAction(e -> model.reject());
    var noSuggestion =
        Bindings.createBooleanBinding(
            () -> model.suggestionProperty().get().isEmpty(), model.suggestionProperty());
    accept.disableProperty().bind(noSuggestion);
    reject.disableProperty().bind(noSuggestion);
    Label previewTitle = new Label("Suggested correction");
    VBox previewBox = new VBox(6, previewTitle, previewScroll, new HBox(6, accept, reject));
    // Only while a correction waits: the Ask section needs the room otherwise.
    previewBox.visibleProperty().bind(noSuggestion.not());
    previewBox.managedProperty().bind(previewBox.visibleProperty());

    Label hint =
        new Label("Works on the selection, or the whole document when nothing is selected.");
    hint.setWrapText(true);
    hint.setMinHeight(Region.USE_PREF_SIZE);
    hint.getStyleClass().add("text-muted");
    VBox box =
        new VBox(
            6, tasks, hint, message, command, output, previewBox, new Separator(), askSection(ask));
    box.setId("ai-panel");
    box.setPadding(new Insets(8));
    return box;
  }

  private static Button task(AiViewModel model, Task task, String text, String id, String tip) {
    Button b = new Button(text);
    b.setId(id);
    b.setTooltip(new Tooltip(tip));
    b.setMinWidth(Region.USE_PREF_SIZE);
    b.setOnAction(e -> model.run(task));
    BooleanBinding notAllowed =
        Bindings.createBooleanBinding(
            () -> !task.allowedFor(model.roleProperty().get()), model.roleProperty());
    b.disableProperty().bind(model.runningProperty().or(notAllowed));
    return b;
  }

  private static Label muted(String text) {
    Label l = new Label(text);
    l.getStyleClass().add("text-muted");
    return l;
  }

  private static Node askSection(AskViewModel ask) {
    Label title = new Label("Ask about this document");
    title.getStyleClass().add("review-author");
    TextField question = new TextField();
    question.setId("ai-question");
    question.setPromptText("e.g. What does the second part decide?");
    question.textProperty().bindBidirectional(ask.questionProperty());
    question.setOnAction(e -> ask.ask());
    HBox.setHgrow(question, Priority.ALWAYS);
    Button go = new Button("Ask");
    go.setId("ai-ask");
    go.getStyleClass().add("accent");
    go.setMinWidth(Region.USE_PREF_SIZE);
    go.setOnAction(e -> ask.ask());
    go.disableProperty().bind(ask.runningProperty());
    Button cancel = new Button("Cancel");
    cancel.setId("ai-ask-cancel");
    cancel.setMinWidth(Region.USE_PREF_SIZE);
    cancel.setOnAction(e -> ask.cancel());
    cancel.disableProperty().bind(ask.runningProperty().not());
    HBox row = new HBox(6, question, go, cancel);
    row.setAlignment(Pos.CENTER_LEFT);
    Label message = new Label();
    message.setId("ai-ask-message");
    message.setWrapText(true);
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(ask.messageProperty());
    TextArea answer = new TextArea();
    answer.setId("ai-answer");
    answer.setAccessibleText("The answer to your question");
    answer.setEditable(false);
    answer.setWrapText(true);
    answer.setPrefRowCount(5);
    answer.textProperty().bind(ask.answerProperty());
    return new VBox(6, title, row, message, answer);
  }
}
