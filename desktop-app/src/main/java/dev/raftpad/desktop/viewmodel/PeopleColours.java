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
 * first hue, turning from their own by the golden angle, that is far enough from everyone's.
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
    double[] base = hsb(own);
    for (int turn = 0; turn < TRIES; turn++) {
      String candidate =
          turn == 0 ? own : rgb((base[0] + turn * GOLDEN_ANGLE) % 360, base[1], base[2]);
      // Compared as drawn: the hue of the rounded colour.
      double drawn = hsb(candidate)[0];
      if (given.values().stream().allMatch(other -> farApart(drawn, hsb(other)[0]))) {
        return candidate;
      }
    }
    return own; // more people than hues: some share
  }

  /**
   * Hue (degrees), saturation and brightness (0..1) of {@code #rrggbb}. By hand: JavaFX's {@code
   * Color} is scene-graph API, which view models do not use, and AWT's loads the AWT native
   * library, which the first editor then waited for on the FX thread.
   */
  static double[] hsb(String rgb) {
    int value = Integer.parseInt(rgb.substring(1), 16);
    double r = (value >> 16 & 0xff) / 255.0;
    double g = (value >> 8 & 0xff) / 255.0;
    double b = (value & 0xff) / 255.0;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double range = max - min;
    double hue;
    if (range == 0) {
      hue = 0;
    } else if (max == r) {
      hue = 60 * (((g - b) / range + 6) % 6);
    } else if (max == g) {
      hue = 60 * ((b - r) / range + 2);
    } else {
      hue = 60 * ((r - g) / range + 4);
    }
    return new double[] {hue, max == 0 ? 0 : range / max, max};
  }

  /** {@code #rrggbb} of a hue (degrees), saturation and brightness (0..1). */
  static String rgb(double hue, double saturation, double brightness) {
    double chroma = brightness * saturation;
    double sector = hue / 60;
    double x = chroma * (1 - Math.abs(sector % 2 - 1));
    double[] rgb =
        switch ((int) sector % 6) {
          case 0 -> new double[] {chroma, x, 0};
          case 1 -> new double[] {x, chroma, 0};
          case 2 -> new double[] {0, chroma, x};
          case 3 -> new double[] {0, x, chroma};
          case 4 -> new double[] {x, 0, chroma};
          default -> new double[] {chroma, 0, x};
        };
    double m = brightness - chroma;
    return String.format(
        Locale.ROOT,
        "#%02x%02x%02x",
        Math.round((rgb[0] + m) * 255),
        Math.round((rgb[1] + m) * 255),
        Math.round((rgb[2] + m) * 255));
  }

  private static boolean farApart(double hue, double other) {
    double distance = Math.abs(hue - other) % 360;
    return Math.min(distance, 360 - distance) >= MIN_HUE_DISTANCE;
  }
}
