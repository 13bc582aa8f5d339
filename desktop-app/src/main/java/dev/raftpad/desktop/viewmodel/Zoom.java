package dev.raftpad.desktop.viewmodel;

import java.util.List;

/**
 * The editor's zoom levels (Ctrl+= / Ctrl+- / Ctrl+0), in percent, 50 to 200 as word processors
 * offer them: the one place the steps are kept.
 */
public final class Zoom {
  public static final int DEFAULT = 100;
  static final List<Integer> STEPS = List.of(50, 67, 75, 90, 100, 110, 125, 150, 175, 200);

  private Zoom() {}

  /** {@code percent} when it is one of the steps (a remembered zoom), else {@link #DEFAULT}. */
  public static int step(int percent) {
    return STEPS.contains(percent) ? percent : DEFAULT;
  }

  /** The next step above {@code percent}; 200 stays 200. */
  public static int in(int percent) {
    return STEPS.stream().filter(s -> s > percent).findFirst().orElse(STEPS.getLast());
  }

  /** The next step below {@code percent}; 50 stays 50. */
  public static int out(int percent) {
    return STEPS.reversed().stream().filter(s -> s < percent).findFirst().orElse(STEPS.getFirst());
  }
}
