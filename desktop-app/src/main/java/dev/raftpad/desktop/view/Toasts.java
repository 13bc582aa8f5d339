package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.Notice;
import javafx.animation.PauseTransition;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** Passing notifications in the window's top-right corner, one per notice, gone after a while. */
final class Toasts {
  private final VBox box = new VBox(6);

  Toasts(ObservableList<Notice> notices) {
    box.setId("toasts");
    box.setAlignment(Pos.TOP_RIGHT);
    box.setPadding(new Insets(48, 12, 12, 12));
    box.setPickOnBounds(false);
    box.setMaxSize(VBox.USE_PREF_SIZE, VBox.USE_PREF_SIZE);
    notices.addListener(
        (ListChangeListener<Notice>)
            c -> {
              while (c.next()) {
                c.getAddedSubList().forEach(this::show);
              }
            });
  }

  VBox node() {
    return box;
  }

  private void show(Notice notice) {
    Label toast = new Label(notice.title() + "\n" + notice.text());
    toast
        .getStyleClass()
        .addAll("toast", "toast-" + notice.level().name().toLowerCase(java.util.Locale.ROOT));
    toast.setWrapText(true);
    toast.setMaxWidth(360);
    toast.setOnMouseClicked(e -> box.getChildren().remove(toast));
    box.getChildren().add(toast);
    if (box.getChildren().size() > 5) {
      box.getChildren().remove(0);
    }
    PauseTransition later = new PauseTransition(Duration.seconds(8));
    later.setOnFinished(e -> box.getChildren().remove(toast));
    later.play();
  }
}
