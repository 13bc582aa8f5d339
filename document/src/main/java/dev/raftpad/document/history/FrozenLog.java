package dev.raftpad.document.history;

import dev.raftpad.document.text.Document;
import java.util.List;
import java.util.NavigableMap;

/**
 * A {@link DocumentLog} captured at one revision by {@link DocumentLog#freeze()}: cheap to take on
 * the thread that owns the log, turned into a {@link LogSnapshot} later on any thread. Everything
 * it holds is immutable or never written again (the revision columns below their size).
 */
public final class FrozenLog {
  private final long oldestRetained;
  private final Document contentAtOldest;
  private final RevisionStore.View revisions;
  private final List<LogSnapshot.ClientMark> clientMarks;
  private final NavigableMap<Long, String> names;

  FrozenLog(
      long oldestRetained,
      Document contentAtOldest,
      RevisionStore.View revisions,
      List<LogSnapshot.ClientMark> clientMarks,
      NavigableMap<Long, String> names) {
    this.oldestRetained = oldestRetained;
    this.contentAtOldest = contentAtOldest;
    this.revisions = revisions;
    this.clientMarks = clientMarks;
    this.names = names;
  }

  /** The log's state at the capture as plain values. */
  public LogSnapshot snapshot() {
    return new LogSnapshot(
        oldestRetained, contentAtOldest.asOperation(), revisions.revisions(), clientMarks, names);
  }
}
