package dev.raftpad.document.history;

import dev.raftpad.document.op.Operation;
import java.time.Instant;

/**
 * An operation a client sent, as it enters the log.
 *
 * @param clientId the sending client (one editing session); with {@code clientSeq} it makes a
 *     resend idempotent
 * @param clientSeq the client's sequence number for this operation, increasing from 1
 * @param baseRevision the revision the operation was made against
 * @param operation the change, in code points of the content at {@code baseRevision}
 * @param author the user the revision is credited to
 * @param time when it happened, stamped by the leader (the log reads no clock)
 * @param coveredLength the code points the operation retains or deletes as it was sent: at least
 *     {@code operation.baseLength()}, more when the sender retained past what canonical form keeps
 *     (a trailing retain is dropped, so only the sent form shows one that runs past the end)
 */
public record Submission(
    String clientId,
    long clientSeq,
    long baseRevision,
    Operation operation,
    String author,
    Instant time,
    long coveredLength) {
  public Submission {
    coveredLength = Math.max(coveredLength, operation.baseLength());
  }

  /** An operation built in this process, whose canonical form is all it ever had. */
  public Submission(
      String clientId,
      long clientSeq,
      long baseRevision,
      Operation operation,
      String author,
      Instant time) {
    this(clientId, clientSeq, baseRevision, operation, author, time, operation.baseLength());
  }
}
