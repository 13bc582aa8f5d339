package dev.raftpad.server.api;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.text.Document;
import dev.raftpad.server.state.Refusals;

/** A document's content at a revision a client asked for (GetDocument, the AI's sources). */
final class RevisionContent {
  private RevisionContent() {}

  /**
   * The content at {@code revision}; OUT_OF_RANGE (REVISION_IN_FUTURE) for a revision the log does
   * not have. Raft loop only (it reads the log).
   */
  static Document at(DocumentLog log, long revision) {
    return log.contentAt(revision)
        .orElseThrow(() -> Statuses.refused(Refusals.noRevision(revision, log.headRevision())));
  }
}
