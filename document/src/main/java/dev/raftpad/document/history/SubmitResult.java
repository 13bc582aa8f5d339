package dev.raftpad.document.history;

import dev.raftpad.document.op.Operation;

/** What became of a {@link Submission}: applied, a duplicate of one applied before, or refused. */
public sealed interface SubmitResult {
  /**
   * The operation became a new revision.
   *
   * @param revision the revision it became
   * @param operation the operation as committed, transformed against everything committed since its
   *     base revision: what the other clients receive
   */
  record Applied(long revision, Operation operation) implements SubmitResult {}

  /**
   * The same (clientId, clientSeq) was applied before; nothing was applied again.
   *
   * @param revision the revision it became the first time
   */
  record Duplicate(long revision) implements SubmitResult {}

  /**
   * Refused, with the reason; nothing changed.
   *
   * @param reason why
   */
  record Rejected(Rejection reason) implements SubmitResult {}
}
