package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.DiffSegment;
import java.util.List;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/** A diff as text: insertions in green, deletions in red and struck through. */
final class DiffText {
  private DiffText() {}

  static void show(TextFlow flow, List<DiffSegment> segments) {
    flow.getChildren()
        .setAll(
            segments.stream()
                .map(
                    s -> {
                      Text text = new Text(s.text());
                      text.getStyleClass()
                          .add("diff-" + s.kind().name().toLowerCase(java.util.Locale.ROOT));
                      switch (s.kind()) {
                        case INSERTED -> text.setStyle("-fx-fill: #16a34a; -fx-underline: true;");
                        case DELETED ->
                            text.setStyle("-fx-fill: #dc2626; -fx-strikethrough: true;");
                        case SAME -> text.setStyle("-fx-fill: -color-fg-default;");
                        case OMITTED ->
                            text.setStyle("-fx-fill: -color-fg-muted; -fx-font-style: italic;");
                      }
                      return text;
                    })
                .toList());
  }
}
