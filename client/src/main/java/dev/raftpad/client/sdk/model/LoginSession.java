package dev.raftpad.client.sdk.model;

import java.time.Instant;

/**
 * A signed-in session.
 *
 * @param token the bearer token (the server keeps only its hash); the client already uses it
 */
public record LoginSession(String token, User user, Instant expiresAt) {
  @Override
  public String toString() {
    // Never print the token.
    return "LoginSession[user=" + user.username() + ", expiresAt=" + expiresAt + "]";
  }
}
