package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.Optional;

/**
 * A suggested change (ADR 0012): the text carries it as marks; this is who made it and, where
 * known, what the text shows of it.
 *
 * @param author who suggested it (for the assistant's: who asked); empty if not known yet
 * @param byAssistant proposed by the AI assistant
 * @param inserted the text it proposes to insert ({@code ""} if none, or not known)
 * @param deleted the text it proposes to delete
 * @param start first code point carrying it
 * @param end one past the last
 */
public record Suggestion(
    String id,
    Optional<User> author,
    Optional<Instant> createdAt,
    boolean byAssistant,
    String inserted,
    String deleted,
    int start,
    int end) {}
