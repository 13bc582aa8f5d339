package dev.raftpad.server.backup;

/**
 * A backup file that cannot be restored (not a backup, a newer format, truncated, damaged), or a
 * restore asked of something it cannot write. The message is the one line an operator sees.
 */
public final class BadBackupException extends Exception {
  private static final long serialVersionUID = 1L;

  public BadBackupException(String message) {
    super(message);
  }

  public BadBackupException(String message, Throwable cause) {
    super(message, cause);
  }
}
