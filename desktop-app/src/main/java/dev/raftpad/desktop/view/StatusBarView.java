package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.TextCounts;
import dev.raftpad.desktop.viewmodel.Users;
import dev.raftpad.document.text.Document;
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

  StatusBarView(EditorViewModel model, EditorArea area, IntegerProperty zoomPercent) {
    this.model = model;
    this.area = area;
    bar.setId("status-bar");
    bar.setAccessibleText("Status");
    bar.getRightItems()
        .addAll(people, separator(), connection, separator(), revision, separator(), zoom);
    model.onDocumentChanged(this::counts);
    area.selectionProperty().addListener((o, was, now) -> counts());
    model.connectionProperty().addListener((o, was, now) -> connection());
    model.revisionProperty().addListener((o, was, now) -> revision());
    model.present().addListener((ListChangeListener<User>) c -> people());
    zoom.textProperty().bind(zoomPercent.asString("%d %%"));
    counts();
    connection();
    revision();
    people();
  }

  Node node() {
    return bar;
  }

  /** The document {@link #all} counts; null before the first count. */
  private Document counted;

  private TextCounts all = new TextCounts(0, 0);
  private boolean counting;

  // Identity on purpose: a document version is counted once; an equal one is a new version.
  @SuppressWarnings("ReferenceEquality")
  private void counts() {
    // The whole text is counted off the FX thread (a large document takes a while), once per
    // document version; the selection's count is the selection's own size.
    Document now = model.document();
    if (now != counted && !counting) {
      counting = true;
      model
          .threads()
          .background()
          .execute(
              () -> {
                TextCounts counts = TextCounts.of(now.text());
                model
                    .threads()
                    .ui()
                    .execute(
                        () -> {
                          counting = false;
                          counted = now;
                          all = counts;
                          counts();
                        });
              });
    }
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
