package dev.raftpad.desktop.view;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import dev.raftpad.desktop.settings.Settings;
import javafx.application.Application;

/** Light and dark (AtlantaFX Primer), remembered in the settings. */
final class Themes {
  static final String KEY = "theme";

  private Themes() {}

  static boolean isDark(Settings settings) {
    return settings.get(KEY, "light").equals("dark");
  }

  static void apply(Settings settings) {
    Application.setUserAgentStylesheet(
        isDark(settings)
            ? new PrimerDark().getUserAgentStylesheet()
            : new PrimerLight().getUserAgentStylesheet());
  }

  static void toggle(Settings settings) {
    settings.put(KEY, isDark(settings) ? "light" : "dark");
    apply(settings);
  }
}
