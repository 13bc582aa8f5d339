package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.BrowserViewModel;
import dev.raftpad.desktop.viewmodel.DocumentRow;
import dev.raftpad.desktop.viewmodel.Roles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputDialog;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;

/**
 * The document browser: search, list with the user's role and who is in each document, create,
 * share, rename, delete.
 */
final class BrowserView {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

  private BrowserView() {}

  /**
   * @param open opens a document by id
   * @param importFile File → Import… (asks for the file; the new document then opens)
   */
  static Parent build(BrowserViewModel model, Consumer<String> open, Runnable importFile) {
    TextField search = new TextField();
    search.setId("document-search");
    search.setPromptText("Search by title");
    search.textProperty().bindBidirectional(model.searchProperty());
    HBox.setHgrow(search, Priority.ALWAYS);

    TableView<DocumentRow> table = new TableView<>(model.visibleRows());
    table.setId("documents");
    table.setAccessibleText("Documents");
    table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    table
        .getColumns()
        .setAll(
            java.util.List.of(
                column("Title", r -> r.info().title()),
                column("Your role", r -> Roles.label(r.info().yourRole())),
                column("Updated", r -> TIME.format(r.info().updatedAt())),
                column(
                    "Lock",
                    r -> r.info().lock().map(l -> "🔒 " + l.holder().username()).orElse("")),
                column("People in it", DocumentRow::peopleText)));
    table.setRowFactory(
        t -> {
          var row = new javafx.scene.control.TableRow<DocumentRow>();
          row.setOnMouseClicked(
              e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                  open.accept(row.getItem().info().id());
                }
              });
          return row;
        });

    Button create = new Button("New");
    create.setId("new-document");
    create.setOnAction(
        e ->
            ask("New document", "Untitled")
                .ifPresent(title -> model.create(title, info -> open.accept(info.id()))));
    Button importButton = new Button("Import…");
    importButton.setId("import-document");
    importButton.setTooltip(
        new javafx.scene.control.Tooltip("A Word, Markdown or text file as a new document"));
    importButton.setOnAction(e -> importFile.run());
    Button openButton = new Button("Open");
    openButton.setId("open-document");
    Button rename = new Button("Rename");
    rename.setId("rename-document");
    Button delete = new Button("Delete");
    delete.setId("delete-document");
    Button share = new Button("Share");
    share.setId("share-document");
    share.disableProperty().bind(table.getSelectionModel().selectedItemProperty().isNull());
    share.setOnAction(
        e -> {
          DocumentRow row = selected(table);
          ShareDialog.show(
              model.sharing(row.info().id()), row.info().title(), table.getScene().getWindow());
        });
    var none = table.getSelectionModel().selectedItemProperty().isNull();
    openButton.disableProperty().bind(none);
    rename.disableProperty().bind(none);
    delete.disableProperty().bind(none);
    openButton.setOnAction(e -> open.accept(selected(table).info().id()));
    rename.setOnAction(
        e -> {
          DocumentRow row = selected(table);
          ask("Rename", row.info().title()).ifPresent(t -> model.rename(row.info().id(), t));
        });
    delete.setOnAction(e -> model.delete(selected(table).info().id()));
    Button refresh = new Button("Refresh");
    refresh.setOnAction(e -> model.refresh());

    HBox bar =
        new HBox(6, search, create, importButton, openButton, share, rename, delete, refresh);
    bar.setPadding(new Insets(8));
    BorderPane pane = new BorderPane(table);
    pane.setId("browser");
    pane.setTop(bar);
    return pane;
  }

  private static DocumentRow selected(TableView<DocumentRow> table) {
    return table.getSelectionModel().getSelectedItem();
  }

  private static java.util.Optional<String> ask(String header, String initial) {
    TextInputDialog dialog = new TextInputDialog(initial);
    dialog.setHeaderText(header);
    return dialog.showAndWait().map(String::strip).filter(s -> !s.isEmpty());
  }

  private static TableColumn<DocumentRow, String> column(
      String title, java.util.function.Function<DocumentRow, String> value) {
    TableColumn<DocumentRow, String> column = new TableColumn<>(title);
    column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    return column;
  }
}
