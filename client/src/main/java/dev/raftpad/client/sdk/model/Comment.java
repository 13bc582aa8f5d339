package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One comment of a thread.
 *
 * @param text empty once deleted
 * @param mentions the users its text @mentions
 * @param byAssistant written by the AI assistant (a summary posted as a comment)
 */
public record Comment(
    String id,
    User author,
    String text,
    Instant createdAt,
    Optional<Instant> editedAt,
    List<User> mentions,
    boolean deleted,
    boolean byAssistant) {
  public Comment {
    mentions = List.copyOf(mentions);
  }
}
