package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.User;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

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
    float[] base = hsb(own);
    for (int turn = 0; turn < TRIES; turn++) {
      float hue = (float) ((base[0] * 360 + turn * GOLDEN_ANGLE) % 360 / 360);
      String candidate =
          turn == 0
              ? own
              : String.format(
                  Locale.ROOT, "#%06x", java.awt.Color.HSBtoRGB(hue, base[1], base[2]) & 0xffffff);
      // Compared as drawn: the hue of the rounded colour.
      double drawn = hsb(candidate)[0] * 360;
      if (given.values().stream().allMatch(other -> farApart(drawn, hsb(other)[0] * 360))) {
        return candidate;
      }
    }
    return own; // more people than hues: some share
  }

  /** Hue (0..1), saturation and brightness of {@code #rrggbb}. */
  static float[] hsb(String rgb) {
    int value = Integer.parseInt(rgb.substring(1), 16);
    return java.awt.Color.RGBtoHSB(value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff, null);
  }

  private static boolean farApart(double hue, double other) {
    double distance = Math.abs(hue - other) % 360;
    return Math.min(distance, 360 - distance) >= MIN_HUE_DISTANCE;
  }
}
