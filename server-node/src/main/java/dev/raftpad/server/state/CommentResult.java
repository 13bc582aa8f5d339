package dev.raftpad.server.state;

import dev.raftpad.proto.v1.CommentThreadRecord;

/**
 * What a comment command did.
 *
 * @param thread the thread after it (a tombstone when deleted), anchored at {@code revision}
 * @param commentId the comment added or changed, empty for a thread-wide change
 * @param revision the document's head revision the anchor refers to
 * @param duplicate whether (client id, client seq) had been applied before
 */
public record CommentResult(
    CommentThreadRecord thread, String commentId, long revision, boolean duplicate) {}
