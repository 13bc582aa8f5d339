package dev.raftpad.desktop.settings;

import java.util.Optional;
import java.util.prefs.Preferences;

/** Settings in the user's {@link Preferences} (per OS user, survives restarts). */
public final class PreferencesSettings implements Settings {
  private final Preferences node;

  public PreferencesSettings(Preferences node) {
    this.node = node;
  }

  /** The app's node: {@code /dev/raftpad/desktop}. */
  public static PreferencesSettings forUser() {
    return new PreferencesSettings(Preferences.userRoot().node("dev/raftpad/desktop"));
  }

  @Override
  public Optional<String> get(String key) {
    return Optional.ofNullable(node.get(key, null));
  }

  @Override
  public void put(String key, String value) {
    node.put(key, value);
  }
}
