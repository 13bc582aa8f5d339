package dev.raftpad.desktop.view;

import dev.raftpad.desktop.settings.Settings;
import java.util.List;
import javafx.stage.Stage;

/** Remembers a window's place, size and maximized state between runs. */
final class WindowState {
  private WindowState() {}

  /** Restores {@code stage} from the settings under {@code name}, then saves it when it hides. */
  static void manage(Stage stage, Settings settings, String name, double width, double height) {
    String key = "window." + name;
    List<String> saved = List.of(settings.get(key, "").split(",", -1));
    if (saved.size() == 5) {
      try {
        stage.setX(Double.parseDouble(saved.get(0)));
        stage.setY(Double.parseDouble(saved.get(1)));
        stage.setWidth(Double.parseDouble(saved.get(2)));
        stage.setHeight(Double.parseDouble(saved.get(3)));
        stage.setMaximized(Boolean.parseBoolean(saved.get(4)));
      } catch (NumberFormatException e) {
        stage.setWidth(width);
        stage.setHeight(height);
      }
    } else {
      stage.setWidth(width);
      stage.setHeight(height);
    }
    stage.setOnHiding(e -> save(stage, settings, key));
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
