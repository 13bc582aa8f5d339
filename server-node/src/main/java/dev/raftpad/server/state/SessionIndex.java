package dev.raftpad.server.state;

import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live sessions by token hash, readable from any thread: the authentication interceptor checks
 * every call against it without a trip through the Raft loop. Only {@code Accounts} writes it, on
 * the loop thread, as sessions are created and ended; it is derived state, rebuilt on restore, and
 * never part of a snapshot.
 */
public final class SessionIndex {
  /** Who a session belongs to and until when. */
  public record Session(String sessionId, String userId, long expiresAtMillis) {}

  private final Map<String, Session> byTokenHash = new ConcurrentHashMap<>();

  void put(byte[] tokenHash, Session session) {
    byTokenHash.put(HexFormat.of().formatHex(tokenHash), session);
  }

  void remove(byte[] tokenHash) {
    byTokenHash.remove(HexFormat.of().formatHex(tokenHash));
  }

  void clear() {
    byTokenHash.clear();
  }

  /** The session of a token hash if it exists and has not expired at {@code nowMillis}. */
  public Session find(byte[] tokenHash, long nowMillis) {
    Session session = byTokenHash.get(HexFormat.of().formatHex(tokenHash));
    return session != null && session.expiresAtMillis() > nowMillis ? session : null;
  }
}
