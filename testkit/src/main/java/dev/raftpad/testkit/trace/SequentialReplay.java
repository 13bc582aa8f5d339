package dev.raftpad.testkit.trace;

import dev.raftpad.document.history.DocumentLog;
import dev.raftpad.document.history.Submission;
import dev.raftpad.document.history.SubmitResult;
import dev.raftpad.document.text.Document;
import dev.raftpad.testkit.trace.EditingTrace.Sequential;
import dev.raftpad.testkit.trace.EditingTrace.Transaction;

/**
 * Replays a sequential trace through the server-side {@link DocumentLog}: each transaction is
 * submitted as one operation by one client against the newest revision, so it goes through
 * everything a real edit does (validation, exactly-once bookkeeping, transform, apply, history).
 */
public final class SequentialReplay {
  private SequentialReplay() {}

  /** The log after replaying every transaction of {@code trace}. */
  public static DocumentLog replay(Sequential trace) {
    DocumentLog log = new DocumentLog(Document.of(trace.startContent()), 0);
    long seq = 0;
    for (Transaction transaction : trace.transactions()) {
      seq++;
      SubmitResult result =
          log.submit(
              new Submission(
                  "trace-replay",
                  seq,
                  log.headRevision(),
                  Patches.toOperation(transaction.patches()),
                  "trace-author",
                  transaction.time()));
      if (!(result instanceof SubmitResult.Applied)) {
        throw new IllegalStateException(
            "transaction " + seq + " of " + trace.name() + ": " + result);
      }
    }
    return log;
  }
}
