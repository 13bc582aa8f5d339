package dev.raftpad.desktop.view;

import dev.raftpad.desktop.settings.Settings;
import java.util.List;
import java.util.Optional;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/** Remembers a window's place, size and maximized state between runs. */
final class WindowState {
  private WindowState() {}

  /**
   * Places {@code stage} from the settings under {@code name} when that place is still on a screen,
   * else centres it ({@code width}×{@code height} at most) on the screen it is on now: the sign-in
   * window turns into the main window, and keeping the small window's corner would push the big one
   * off the screen. Saves the bounds when the window hides.
   */
  static void manage(Stage stage, Settings settings, String name, double width, double height) {
    String key = "window." + name;
    Optional<Saved> saved = read(settings.get(key, ""));
    Rectangle2D bounds =
        WindowPlacement.place(
            saved.map(Saved::bounds),
            width,
            height,
            currentScreen(stage).getVisualBounds(),
            Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
    stage.setX(bounds.getMinX());
    stage.setY(bounds.getMinY());
    stage.setWidth(bounds.getWidth());
    stage.setHeight(bounds.getHeight());
    stage.setMaximized(saved.map(Saved::maximized).orElse(false));
    stage.setOnHiding(e -> save(stage, settings, key));
  }

  /** The screen showing most of the window, or the primary one for a window not placed yet. */
  private static Screen currentScreen(Stage stage) {
    if (Double.isNaN(stage.getX()) || Double.isNaN(stage.getWidth())) {
      return Screen.getPrimary();
    }
    List<Screen> on =
        Screen.getScreensForRectangle(
            stage.getX(),
            stage.getY(),
            Math.max(1, stage.getWidth()),
            Math.max(1, stage.getHeight()));
    return on.isEmpty() ? Screen.getPrimary() : on.get(0);
  }

  private record Saved(Rectangle2D bounds, boolean maximized) {}

  /** "x,y,width,height,maximized", or empty when missing or unreadable. */
  private static Optional<Saved> read(String value) {
    List<String> parts = List.of(value.split(",", -1));
    if (parts.size() != 5) {
      return Optional.empty();
    }
    try {
      double w = Double.parseDouble(parts.get(2));
      double h = Double.parseDouble(parts.get(3));
      if (!(w > 0 && h > 0)) {
        return Optional.empty();
      }
      return Optional.of(
          new Saved(
              new Rectangle2D(
                  Double.parseDouble(parts.get(0)), Double.parseDouble(parts.get(1)), w, h),
              Boolean.parseBoolean(parts.get(4))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static void save(Stage stage, Settings settings, String key) {
    settings.put(
        key,
        String.join(
            ",",
            String.valueOf(stage.getX()),
            String.valueOf(stage.getY()),
            String.valueOf(stage.getWidth()),
            String.valueOf(stage.getHeight()),
            String.valueOf(stage.isMaximized())));
  }
}
