package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.Notice;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * The workspace's notices as ControlsFX {@link Notifications} in the window's top-right corner: one
 * per notice, gone after a while (errors stay longer), closed by their ✕.
 */
final class NoticePopups {
  private NoticePopups() {}

  /** Shows each notice added to {@code notices} over {@code owner}'s window. */
  static void install(ObservableList<Notice> notices, Node owner) {
    notices.addListener(
        (ListChangeListener<Notice>)
            c -> {
              while (c.next()) {
                c.getAddedSubList().forEach(n -> show(n, owner));
              }
            });
  }

  private static void show(Notice notice, Node owner) {
    if (owner.getScene() == null || owner.getScene().getWindow() == null) {
      return; // no window yet (signing in): nothing to show it over
    }
    Notifications popup =
        Notifications.create()
            .title(notice.title())
            .text(notice.text())
            .owner(owner.getScene().getWindow())
            .position(Pos.TOP_RIGHT)
            .hideAfter(Duration.seconds(notice.level() == Notice.Level.ERROR ? 15 : 8))
            .threshold(5, Notifications.create().title("More notifications"));
    switch (notice.level()) {
      case INFO -> popup.showInformation();
      case WARNING -> popup.showWarning();
      case ERROR -> popup.showError();
    }
  }
}
