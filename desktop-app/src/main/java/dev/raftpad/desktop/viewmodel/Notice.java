package dev.raftpad.desktop.viewmodel;

/** Something to tell the user in a passing notification. */
public record Notice(Level level, String title, String text) {
  /** How much it matters. */
  public enum Level {
    INFO,
    WARNING,
    ERROR
  }

  public static Notice info(String title, String text) {
    return new Notice(Level.INFO, title, text);
  }

  public static Notice warning(String title, String text) {
    return new Notice(Level.WARNING, title, text);
  }

  public static Notice error(String title, String text) {
    return new Notice(Level.ERROR, title, text);
  }
}
