package dev.raftpad.client.sdk.model;

import java.time.Instant;

/** Who the calling session belongs to (WhoAmI). */
public record Identity(User user, Instant sessionExpiresAt) {}
