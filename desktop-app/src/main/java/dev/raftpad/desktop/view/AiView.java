package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.AiViewModel;
import dev.raftpad.desktop.viewmodel.DiffSegment;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

/** Summarize and fix grammar, streaming, with stop, and a diff preview to accept or reject. */
final class AiView {
  private AiView() {}

  static Parent build(AiViewModel model) {
    Button summarize = new Button("Summarize");
    summarize.setId("ai-summarize");
    summarize.setOnAction(e -> model.summarize());
    Button grammar = new Button("Fix grammar");
    grammar.setId("ai-fix-grammar");
    grammar.setOnAction(e -> model.fixGrammar());
    Button stop = new Button("Stop");
    stop.setId("ai-stop");
    stop.setOnAction(e -> model.stop());
    for (Button b : java.util.List.of(summarize, grammar, stop)) {
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    summarize.disableProperty().bind(model.runningProperty());
    grammar.disableProperty().bind(model.runningProperty());
    stop.disableProperty().bind(model.runningProperty().not());

    Label message = new Label();
    message.setId("ai-message");
    message.setWrapText(true);
    // As many lines as the words need: in a full VBox a wrapped label is otherwise cut to "…".
    message.setMinHeight(Region.USE_PREF_SIZE);
    message.textProperty().bind(model.messageProperty());
    Node command = CommandLine.build(model.commandProperty());
    TextArea output = new TextArea();
    output.setId("ai-output");
    output.setEditable(false);
    output.setWrapText(true);
    output.setPrefRowCount(8);
    output.textProperty().bind(model.outputProperty());

    TextFlow preview = new TextFlow();
    preview.setId("ai-preview");
    model
        .preview()
        .addListener(
            (ListChangeListener<DiffSegment>) c -> DiffText.show(preview, model.preview()));
    ScrollPane previewScroll = new ScrollPane(preview);
    previewScroll.setFitToWidth(true);
    previewScroll.setPrefHeight(140);
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
    previewScroll.visibleProperty().bind(noSuggestion.not());

    Label hint =
        new Label("Works on the selection, or the whole document when nothing is selected.");
    hint.setWrapText(true);
    hint.getStyleClass().add("text-muted");
    VBox box =
        new VBox(
            6,
            new HBox(6, summarize, grammar, stop),
            hint,
            message,
            command,
            output,
            new Label("Suggested correction"),
            previewScroll,
            new HBox(6, accept, reject));
    box.setId("ai-panel");
    box.setPadding(new Insets(8));
    return box;
  }
}
