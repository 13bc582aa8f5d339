package dev.raftpad.desktop.view;

import dev.raftpad.desktop.export.Exporter;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import java.io.File;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/**
 * Offers edits the cluster will never take (no access any more, the document deleted) to be saved
 * as a new document or a file, instead of letting them go. Closing it keeps the text in the editor
 * model; the offer comes again with the next edits handed back.
 */
final class ReturnedEditsDialog {
  static final ButtonType NEW_DOCUMENT =
      new ButtonType("Save as new document", ButtonBar.ButtonData.OK_DONE);
  static final ButtonType FILE = new ButtonType("Save to a file…", ButtonBar.ButtonData.OTHER);
  static final ButtonType LATER = new ButtonType("Not now", ButtonBar.ButtonData.CANCEL_CLOSE);

  private ReturnedEditsDialog() {}

  /**
   * Shows the offer (without waiting).
   *
   * @param openDocument opens a document by id (the new one, once saved)
   */
  static Dialog<ButtonType> offer(
      EditorViewModel model, Window owner, Consumer<String> openDocument) {
    Dialog<ButtonType> dialog = new Dialog<>();
    dialog.initOwner(owner);
    dialog.setTitle("Your edits could not be saved");
    dialog.getDialogPane().setId("returned-edits");
    dialog.getDialogPane().getStylesheets().add(DesktopApp.STYLESHEET);
    Label why =
        new Label(
            "“"
                + model.titleProperty().get()
                + "” can no longer take your latest edits. Keep them as a new document or a"
                + " file:");
    why.setWrapText(true);
    TextArea text = new TextArea(model.returnedTextProperty().get());
    text.setId("returned-text");
    text.setEditable(false);
    text.setWrapText(true);
    text.setPrefRowCount(8);
    dialog.getDialogPane().setContent(new VBox(8, why, text));
    dialog.getDialogPane().getButtonTypes().addAll(NEW_DOCUMENT, FILE, LATER);
    dialog.getDialogPane().setPrefWidth(520);
    dialog.setOnHidden(
        e -> {
          ButtonType choice = dialog.getResult();
          if (choice == NEW_DOCUMENT) {
            model.saveReturnedAsNewDocument(
                model.returnedTitle(), info -> openDocument.accept(info.id()));
          } else if (choice == FILE) {
            saveToFile(model, owner);
          }
        });
    dialog.show();
    return dialog;
  }

  private static void saveToFile(EditorViewModel model, Window owner) {
    FileChooser chooser = new FileChooser();
    for (Exporter.Format format : Exporter.Format.values()) {
      chooser
          .getExtensionFilters()
          .add(
              new FileChooser.ExtensionFilter(
                  format.name().replace('_', ' ').toLowerCase(Locale.ROOT),
                  "*." + format.extension()));
    }
    chooser.setInitialFileName(model.returnedTitle() + ".md");
    File file = chooser.showSaveDialog(owner);
    if (file != null) {
      model.saveReturnedToFile(formatOf(file.getName()), file.toPath());
    }
  }

  /** The format a file name asks for by its extension; Markdown keeps the most formatting. */
  static Exporter.Format formatOf(String fileName) {
    String lower = fileName.toLowerCase(Locale.ROOT);
    for (Exporter.Format format : Exporter.Format.values()) {
      if (lower.endsWith("." + format.extension())) {
        return format;
      }
    }
    return Exporter.Format.MARKDOWN;
  }
}
