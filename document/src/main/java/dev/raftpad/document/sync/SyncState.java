package dev.raftpad.document.sync;

import dev.raftpad.document.op.Operation;

/**
 * The three states of the ot.js client: nothing unconfirmed; one operation in flight; one in flight
 * and later typing composed into a buffer.
 */
public sealed interface SyncState {
  /** Every local operation is confirmed by the server. */
  record Synchronized() implements SyncState {}

  /**
   * One operation sent and not yet confirmed.
   *
   * @param inFlight the operation sent, transformed against remote operations received since
   * @param seq its client sequence number
   * @param baseRevision the revision it was sent against (a resend repeats it)
   * @param sent the operation exactly as sent (a resend repeats it)
   */
  record AwaitingConfirm(Operation inFlight, long seq, long baseRevision, Operation sent)
      implements SyncState {}

  /**
   * One operation in flight and later local operations waiting, composed into one.
   *
   * @param inFlight the operation sent, transformed against remote operations received since
   * @param seq its client sequence number
   * @param baseRevision the revision it was sent against
   * @param sent the operation exactly as sent
   * @param buffer the local operations made since, composed
   */
  record AwaitingWithBuffer(
      Operation inFlight, long seq, long baseRevision, Operation sent, Operation buffer)
      implements SyncState {}
}
