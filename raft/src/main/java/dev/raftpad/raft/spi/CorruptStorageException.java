package dev.raftpad.raft.spi;

import java.io.IOException;

/**
 * Stored data is damaged somewhere other than a torn tail. The node must not start: continuing
 * could silently lose or invent acknowledged entries. An operator restores the data dir from a
 * backup or wipes it (the node then rejoins as a new node).
 */
public final class CorruptStorageException extends IOException {
  private static final long serialVersionUID = 1L;

  public CorruptStorageException(String message) {
    super(message);
  }
}
