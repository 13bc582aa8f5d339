package dev.raftpad.client.cli;

import java.nio.file.Path;

/**
 * A failure after the user wrote text in the editor: the text was not saved to the cluster, so the
 * file that holds it stays where it is, and the message says where.
 */
final class TextKeptException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  TextKeptException(Throwable cause, Path file) {
    super(cause.getMessage(), cause);
    this.file = file;
  }

  Path file() {
    return file;
  }
}
