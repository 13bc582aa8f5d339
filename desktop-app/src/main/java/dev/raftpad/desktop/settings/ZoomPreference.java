package dev.raftpad.desktop.settings;

/**
 * One user's editor zoom, kept in the app's {@link Settings} under the user's id (beside their
 * spelling switch): set in any editor, it is where the next document opened starts.
 */
public final class ZoomPreference {
  private final Settings settings;
  private final String key;

  public ZoomPreference(Settings settings, String userId) {
    this.settings = settings;
    this.key = "zoom." + userId;
  }

  /** The zoom in percent last set, or {@code fallback} when none was or it is unreadable. */
  public int get(int fallback) {
    try {
      return settings.get(key).map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      return fallback; // a hand-edited value: the default rather than a failure at opening
    }
  }

  public void set(int percent) {
    settings.put(key, Integer.toString(percent));
  }
}
