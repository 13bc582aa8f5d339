package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.viewmodel.BackgroundRefresh;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.QuietPeriod;
import dev.raftpad.desktop.viewmodel.TextCounts;
import dev.raftpad.desktop.viewmodel.Users;
import java.util.Locale;
import java.util.stream.Collectors;
import javafx.beans.property.IntegerProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import org.controlsfx.control.StatusBar;

/**
 * The editor's status bar (ControlsFX {@link StatusBar}): word and character count (of the
 * selection too when there is one), connection state, revision, zoom and who is here.
 */
final class StatusBarView {
  private final EditorViewModel model;
  private final EditorArea area;
  private final StatusBar bar = new StatusBar();
  private final Label connection = label("status-connection");
  private final Label revision = label("status-revision");
  private final Label zoom = label("status-zoom");
  private final Label people = label("status-people");
  private final BackgroundRefresh<TextCounts> wholeText;

  StatusBarView(EditorViewModel model, EditorArea area, IntegerProperty zoomPercent) {
    this.model = model;
    this.area = area;
    bar.setId("status-bar");
    bar.setAccessibleText("Status");
    bar.getRightItems()
        .addAll(people, separator(), connection, separator(), revision, separator(), zoom);
    // The whole text is counted off the FX thread once typing pauses: on a large document each
    // count builds the text (megabytes of garbage), so it does not run per keystroke.
    this.wholeText =
        new BackgroundRefresh<>(
            model.threads(),
            QuietPeriod.TYPING,
            model::document,
            document -> TextCounts.of(document.text()),
            counts -> {
              all = counts;
              showCounts();
            });
    model.onDocumentChanged(wholeText::request);
    area.selectionProperty().addListener((o, was, now) -> showCounts());
    model.connectionProperty().addListener((o, was, now) -> connection());
    model.revisionProperty().addListener((o, was, now) -> revision());
    model.present().addListener((ListChangeListener<User>) c -> people());
    zoom.textProperty().bind(zoomPercent.asString("%d %%"));
    wholeText.request();
    showCounts();
    connection();
    revision();
    people();
  }

  Node node() {
    return bar;
  }

  private TextCounts all = new TextCounts(0, 0);

  /** The selection's count is its own size; the whole text's is counted by {@link #wholeText}. */
  private void showCounts() {
    String selected = area.getSelectedText();
    String text = TextCounts.describe(all, selected.isEmpty() ? null : TextCounts.of(selected));
    bar.setText(text);
    bar.setAccessibleText("Status: " + text);
  }

  private void connection() {
    String state = model.connectionProperty().get().name().toLowerCase(Locale.ROOT);
    connection.setText(Character.toUpperCase(state.charAt(0)) + state.substring(1));
  }

  private void revision() {
    revision.setText("Revision " + model.revisionProperty().get());
  }

  private void people() {
    people.setText(
        model.present().isEmpty()
            ? "Only you"
            : model.present().stream().map(Users::name).collect(Collectors.joining(", ")));
  }

  private static Label label(String id) {
    Label l = new Label();
    l.setId(id);
    return l;
  }

  private static Separator separator() {
    return new Separator(Orientation.VERTICAL);
  }
}
