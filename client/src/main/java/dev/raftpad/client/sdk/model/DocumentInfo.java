package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A document's metadata at its head revision.
 *
 * @param revision the head revision
 * @param length code points at head
 * @param owner empty when the server did not say
 * @param lock empty when unlocked
 * @param purgeAt set while the document is in the trash
 * @param yourRole the caller's role (NONE in an admin's listing of every document)
 * @param linkRole what anyone signed in may do (NONE: only the people it is shared with)
 */
public record DocumentInfo(
    String id,
    String title,
    Optional<User> owner,
    Instant createdAt,
    Instant updatedAt,
    long revision,
    int length,
    Optional<LockInfo> lock,
    boolean deleted,
    Optional<Instant> purgeAt,
    DocumentRole yourRole,
    DocumentRole linkRole) {}
