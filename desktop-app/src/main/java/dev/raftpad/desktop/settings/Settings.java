package dev.raftpad.desktop.settings;

import java.util.Optional;

/** What the app remembers between runs (servers, theme, window state). */
public interface Settings {
  Optional<String> get(String key);

  void put(String key, String value);

  default String get(String key, String fallback) {
    return get(key).orElse(fallback);
  }
}
