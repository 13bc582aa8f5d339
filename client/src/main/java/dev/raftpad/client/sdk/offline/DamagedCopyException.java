package dev.raftpad.client.sdk.offline;

import java.io.IOException;

/** An offline copy that cannot be read: not this format, a newer one, torn, or corrupted. */
public final class DamagedCopyException extends IOException {
  private static final long serialVersionUID = 1L;

  public DamagedCopyException(String problem) {
    super(problem);
  }
}
