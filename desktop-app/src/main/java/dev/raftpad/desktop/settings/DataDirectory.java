package dev.raftpad.desktop.settings;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where the app keeps the user's data (today: offline copies of documents): {@code
 * RAFTPAD_DATA_DIR} when set (tests, portable installs), else the platform's place for it — {@code
 * $XDG_DATA_HOME/raftpad} or {@code ~/.local/share/raftpad} on Linux and other Unix systems, {@code
 * ~/Library/Application Support/Raftpad} on macOS, {@code %APPDATA%\Raftpad} on Windows.
 */
public final class DataDirectory {
  private DataDirectory() {}

  public static Path resolve(Map<String, String> env, String osName, String userHome) {
    String override = env.get("RAFTPAD_DATA_DIR");
    if (override != null && !override.isBlank()) {
      return Path.of(override.strip());
    }
    String os = osName.toLowerCase(Locale.ROOT);
    if (os.startsWith("windows")) {
      String appData = env.get("APPDATA");
      return appData != null && !appData.isBlank()
          ? Path.of(appData, "Raftpad")
          : Path.of(userHome, "AppData", "Roaming", "Raftpad");
    }
    if (os.startsWith("mac")) {
      return Path.of(userHome, "Library", "Application Support", "Raftpad");
    }
    String xdg = env.get("XDG_DATA_HOME");
    return xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()
        ? Path.of(xdg, "raftpad")
        : Path.of(userHome, ".local", "share", "raftpad");
  }

  /** This process's data directory. */
  public static Path forUser() {
    return resolve(System.getenv(), System.getProperty("os.name"), System.getProperty("user.home"));
  }
}
