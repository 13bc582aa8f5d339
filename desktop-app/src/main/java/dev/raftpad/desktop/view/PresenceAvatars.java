package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.viewmodel.EditorViewModel;
import dev.raftpad.desktop.viewmodel.RemoteCaret;
import dev.raftpad.desktop.viewmodel.Users;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * Who is here, as Google Docs shows it in the header: a round badge with each user's initials in
 * their colour, their name as tooltip; a click (or Space) jumps to their caret.
 */
final class PresenceAvatars {
  private final EditorViewModel model;
  private final EditorArea area;
  private final HBox box = new HBox(4);

  PresenceAvatars(EditorViewModel model, EditorArea area) {
    this.model = model;
    this.area = area;
    box.setId("presence-avatars");
    box.setAlignment(Pos.CENTER_RIGHT);
    model.present().addListener((ListChangeListener<User>) c -> show());
    show();
  }

  Node node() {
    return box;
  }

  /** "AL" for Ada Lovelace, "B" for Bob. */
  static String initials(String name) {
    return Arrays.stream(name.strip().split("\\s+"))
        .filter(w -> !w.isEmpty())
        .limit(2)
        .map(w -> new String(Character.toChars(w.codePointAt(0))).toUpperCase(Locale.ROOT))
        .collect(Collectors.joining());
  }

  private void show() {
    box.getChildren().clear();
    for (User user : model.present()) {
      boolean me = user.id().equals(model.me().id());
      String name = Users.name(user) + (me ? " (you)" : "");
      Button avatar = new Button(initials(Users.name(user)));
      avatar.setId("avatar-" + user.username());
      avatar.getStyleClass().add("presence-avatar");
      avatar.setStyle("-fx-background-color: " + model.colours().of(user) + ";");
      avatar.setTooltip(new Tooltip(me ? name : name + " — click to go to their cursor"));
      avatar.setAccessibleText(me ? name : "Go to " + name + "'s cursor");
      avatar.setOnAction(e -> jumpTo(user));
      box.getChildren().add(avatar);
    }
  }

  private void jumpTo(User user) {
    Optional<RemoteCaret> caret =
        model.carets().stream().filter(c -> c.user().id().equals(user.id())).findFirst();
    caret.ifPresent(
        c -> {
          area.moveTo(
              Math.min(AreaPositions.toArea(area.shown(), c.selection().head()), area.getLength()));
          area.requestFollowCaret();
          area.requestFocus();
        });
  }
}
