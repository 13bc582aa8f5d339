package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.Optional;

/** Consecutive revisions by one author within a few minutes, as Google Docs groups them. */
public record Version(
    long firstRevision,
    long lastRevision,
    User author,
    Instant startTime,
    Instant endTime,
    Optional<String> name) {}
