package dev.raftpad.document.history;

import java.time.Instant;
import java.util.Optional;

/**
 * A group of consecutive revisions by one author within a few minutes, as Google Docs lists them.
 *
 * @param firstRevision the first revision of the group
 * @param lastRevision the last; restoring "this version" restores this revision
 * @param author the author of every revision in the group
 * @param startTime the time of the first revision
 * @param endTime the time of the last revision
 * @param name the name given to {@code lastRevision}, if any
 */
public record Version(
    long firstRevision,
    long lastRevision,
    String author,
    Instant startTime,
    Instant endTime,
    Optional<String> name) {}
