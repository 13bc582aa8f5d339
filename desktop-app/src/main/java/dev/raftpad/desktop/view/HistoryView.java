package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.desktop.viewmodel.DiffSegment;
import dev.raftpad.desktop.viewmodel.HistoryViewModel;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextFlow;

/**
 * Version list, preview of the selected version, its diff against now, name and restore; and the
 * document's sharing changes.
 */
final class HistoryView {
  private HistoryView() {}

  static Parent build(HistoryViewModel model) {
    ListView<Version> versions = new ListView<>(model.versions());
    versions.setId("versions");
    versions.setAccessibleText("Versions of this document");
    versions.setPrefHeight(180);
    versions.setCellFactory(
        v ->
            new ListCell<>() {
              @Override
              protected void updateItem(Version item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : HistoryViewModel.describe(item));
              }
            });
    versions
        .getSelectionModel()
        .selectedItemProperty()
        .addListener((o, was, now) -> model.select(now));

    TextArea preview = new TextArea();
    preview.setId("version-preview");
    preview.setAccessibleText("The chosen version's text");
    preview.setEditable(false);
    preview.setWrapText(true);
    preview.setPrefRowCount(5);
    preview.textProperty().bind(model.previewTextProperty());

    TextFlow diff = new TextFlow();
    diff.setId("version-diff");
    diff.setPadding(new Insets(4));
    model
        .diff()
        .addListener((ListChangeListener<DiffSegment>) c -> DiffText.show(diff, model.diff()));
    ScrollPane diffScroll = new ScrollPane(diff);
    diffScroll.setFitToWidth(true);
    diffScroll.setPrefHeight(140);

    TextField name = new TextField();
    name.setId("version-name");
    name.setPromptText("Name this version");
    Button nameIt = new Button("Name");
    nameIt.setId("name-version");
    nameIt.setOnAction(e -> model.name(name.getText()));
    Button restore = new Button("Restore");
    restore.setId("restore-version");
    restore.setOnAction(e -> model.restore());
    Button refresh = new Button("Refresh");
    refresh.setId("refresh-history");
    refresh.setOnAction(e -> model.refresh());
    nameIt.disableProperty().bind(model.selectedProperty().isNull());
    restore.disableProperty().bind(model.selectedProperty().isNull());
    HBox.setHgrow(name, Priority.ALWAYS);
    // The field gives way, the buttons never shrink to "...".
    name.setMinWidth(80);
    for (Button b : java.util.List.of(nameIt, restore, refresh)) {
      b.setMinWidth(Region.USE_PREF_SIZE);
    }
    Label changes = new Label("Changes since (green: added since, red: removed since)");
    changes.setWrapText(true);

    ListView<String> sharing = new ListView<>(model.sharing());
    sharing.setId("sharing-history");
    sharing.setAccessibleText("Sharing history");
    sharing.setPrefHeight(70);
    sharing.setPlaceholder(new Label("Not shared yet"));

    VBox box =
        new VBox(
            6,
            new HBox(6, new Label("Versions"), refresh),
            versions,
            new Label("Preview"),
            preview,
            changes,
            diffScroll,
            new HBox(6, name, nameIt, restore),
            new Label("Sharing"),
            sharing);
    box.setId("history-panel");
    box.setPadding(new Insets(8));
    model.refresh();
    return box;
  }
}
