package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.User;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import javafx.scene.paint.Color;

/**
 * The colours of the people in one editor, told apart. The server gives each account one of a few
 * colours from its username, so two people in a document often share one (Ada and Bob were both
 * magenta): their carets, avatars and suggestions could not be told apart. Here a person keeps
 * their own colour unless someone met earlier has it, or one of a similar hue; then they get the
 * nearest hue, turning by the golden angle, that is far enough from everyone's.
 *
 * <p>A colour once given is kept while the editor is open, also after its owner leaves: nothing
 * changes colour under the user's eyes, and someone who comes back is as before. The people present
 * when the editor opens are met in the order of their ids, so every editor that opens with the same
 * people gives the same colours.
 */
public final class PeopleColours {
  /** Hues closer than this read as one colour at a caret's width. */
  static final double MIN_HUE_DISTANCE = 24;

  private static final double GOLDEN_ANGLE = 137.508;
  private static final int TRIES = 36;

  private final Map<String, String> given = new HashMap<>();

  /** Meets everyone in {@code people} not met yet, in the order of their ids. */
  public void meet(Collection<User> people) {
    people.stream().sorted(Comparator.comparing(User::id)).forEach(this::of);
  }

  /**
   * The colour {@code #rrggbb} to show {@code user} in. A user without a colour of their own (a
   * caret whose owner is not known yet) is grey, and is given a colour once they are known.
   */
  public String of(User user) {
    String own = Users.color(user);
    if (user.color().equals(own)) {
      return given.computeIfAbsent(user.id(), id -> distinctFrom(own));
    }
    return own;
  }

  private String distinctFrom(String own) {
    Color base = Color.web(own);
    for (int turn = 0; turn < TRIES; turn++) {
      Color candidate =
          Color.hsb(
              (base.getHue() + turn * GOLDEN_ANGLE) % 360,
              base.getSaturation(),
              base.getBrightness());
      if (given.values().stream().allMatch(other -> farApart(candidate, Color.web(other)))) {
        return turn == 0 ? own : hex(candidate);
      }
    }
    return own; // more people than hues: some share
  }

  private static boolean farApart(Color a, Color b) {
    double distance = Math.abs(a.getHue() - b.getHue()) % 360;
    return Math.min(distance, 360 - distance) >= MIN_HUE_DISTANCE;
  }

  private static String hex(Color color) {
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round(color.getRed() * 255),
        Math.round(color.getGreen() * 255),
        Math.round(color.getBlue() * 255));
  }
}
