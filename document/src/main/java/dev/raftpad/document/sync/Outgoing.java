package dev.raftpad.document.sync;

import dev.raftpad.document.op.Operation;

/**
 * An operation a {@link SyncClient} sends to the server (the SDK maps it to a SubmitOperation
 * call).
 *
 * @param clientId the sending client
 * @param clientSeq its sequence number; a resend after a reconnect repeats it
 * @param baseRevision the revision the operation was made against
 * @param operation the operation
 */
public record Outgoing(String clientId, long clientSeq, long baseRevision, Operation operation) {}
