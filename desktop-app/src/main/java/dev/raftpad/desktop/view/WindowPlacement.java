package dev.raftpad.desktop.view;

import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * Where a window opens: its remembered bounds if they still lie on a screen, else centred on the
 * screen it comes from, never larger than that screen. Pure geometry (screens are passed in), so it
 * is tested without displays.
 */
final class WindowPlacement {
  /**
   * How far a remembered window may stick out of its screen and still count as on it: window
   * managers put the frame of a window at the screen's edge a few pixels outside.
   */
  static final double SLACK = 16;

  private WindowPlacement() {}

  /**
   * @param remembered the bounds saved last time, if any
   * @param width the default width
   * @param height the default height
   * @param home the visual bounds of the screen to open on when the remembered bounds are not on a
   *     screen (the screen the sign-in window was on)
   * @param screens the visual bounds of every screen now attached
   */
  static Rectangle2D place(
      Optional<Rectangle2D> remembered,
      double width,
      double height,
      Rectangle2D home,
      List<Rectangle2D> screens) {
    if (remembered.isPresent() && onAScreen(remembered.get(), screens)) {
      return remembered.get();
    }
    double w = Math.min(remembered.map(Rectangle2D::getWidth).orElse(width), home.getWidth());
    double h = Math.min(remembered.map(Rectangle2D::getHeight).orElse(height), home.getHeight());
    return new Rectangle2D(
        home.getMinX() + (home.getWidth() - w) / 2,
        home.getMinY() + (home.getHeight() - h) / 2,
        w,
        h);
  }

  /** Whether {@code bounds} lie within one of the screens (give or take {@link #SLACK}). */
  static boolean onAScreen(Rectangle2D bounds, List<Rectangle2D> screens) {
    return screens.stream()
        .map(
            s ->
                new Rectangle2D(
                    s.getMinX() - SLACK,
                    s.getMinY() - SLACK,
                    s.getWidth() + 2 * SLACK,
                    s.getHeight() + 2 * SLACK))
        .anyMatch(s -> s.contains(bounds));
  }
}
