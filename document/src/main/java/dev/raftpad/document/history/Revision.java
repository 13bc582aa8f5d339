package dev.raftpad.document.history;

import dev.raftpad.document.op.Operation;
import java.time.Instant;

/**
 * One committed revision.
 *
 * @param number the revision number (the first operation is revision 1; 0 is the initial content)
 * @param operation the operation as committed (already transformed)
 * @param author who it is credited to
 * @param time when it happened
 * @param clientId the client that sent it
 * @param clientSeq that client's sequence number for it
 */
public record Revision(
    long number,
    Operation operation,
    String author,
    Instant time,
    String clientId,
    long clientSeq) {}
