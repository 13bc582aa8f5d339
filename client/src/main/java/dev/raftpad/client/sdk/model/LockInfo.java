package dev.raftpad.client.sdk.model;

import java.time.Instant;

/** A lease on a whole document. */
public record LockInfo(String documentId, User holder, Instant acquiredAt, Instant expiresAt) {}
