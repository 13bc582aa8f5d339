package dev.raftpad.server.state;

import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.SessionRecord;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.proto.v1.User;
import dev.raftpad.proto.v1.UserRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Accounts and login sessions: one part of the replicated state. Deterministic and sorted like the
 * whole; keeps the {@link SessionIndex} that authentication reads from any thread in step.
 */
final class Accounts {
  private final TreeMap<String, UserRecord> users = new TreeMap<>();
  private final TreeMap<String, String> userIdByName = new TreeMap<>();
  private final TreeMap<String, SessionRecord> sessions = new TreeMap<>();
  private final SessionIndex sessionIndex = new SessionIndex();
  private final Consumer<String> sessionEnded;

  /**
   * @param sessionEnded told the id of every session that ends (logout or expiry): what hangs on a
   *     session elsewhere (its locks) ends with it
   */
  Accounts(Consumer<String> sessionEnded) {
    this.sessionEnded = sessionEnded;
  }

  CommandResult<UserRecord> register(RegisterUserCommand c) {
    if (c.getRegistrationClosed() && !c.getRequestedByAdmin() && !users.isEmpty()) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_REGISTRATION_CLOSED,
          "registration is closed on this cluster; ask an administrator for an account");
    }
    if (userIdByName.containsKey(c.getUsername())) {
      return CommandResult.Refused.of(
          ErrorReason.ERROR_REASON_USERNAME_TAKEN, "username " + c.getUsername() + " is taken");
    }
    UserRecord user =
        UserRecord.newBuilder()
            .setUserId(c.getUserId())
            .setUsername(c.getUsername())
            .setDisplayName(c.getDisplayName())
            .setPasswordHash(c.getPasswordHash())
            .setColor(c.getColor())
            .setAdmin(users.isEmpty()) // the first account administers the cluster
            .build();
    add(user);
    return new CommandResult.Applied<>(user);
  }

  CommandResult<SessionRecord> createSession(CreateSessionCommand c, long now) {
    if (!users.containsKey(c.getUserId())) {
      return CommandResult.Refused.of(ErrorReason.ERROR_REASON_BAD_CREDENTIALS, "unknown user");
    }
    purgeExpiredSessions(now);
    SessionRecord session =
        SessionRecord.newBuilder()
            .setSessionId(c.getSessionId())
            .setTokenHash(c.getTokenHash())
            .setUserId(c.getUserId())
            .setExpiresAtMillis(c.getExpiresAtMillis())
            .setDeviceName(c.getDeviceName())
            .build();
    index(session);
    return new CommandResult.Applied<>(session);
  }

  /** Ends a session; ending one that does not exist (any more) is a no-op, so retries succeed. */
  CommandResult<String> endSession(String sessionId) {
    SessionRecord session = sessions.remove(sessionId);
    if (session != null) {
      sessionIndex.remove(session.getTokenHash().toByteArray());
      sessionEnded.accept(sessionId);
    }
    return new CommandResult.Applied<>(sessionId);
  }

  private void purgeExpiredSessions(long now) {
    List<String> expired = new ArrayList<>();
    sessions.forEach(
        (id, s) -> {
          if (s.getExpiresAtMillis() <= now) {
            expired.add(id);
          }
        });
    expired.forEach(this::endSession);
  }

  private void add(UserRecord user) {
    users.put(user.getUserId(), user);
    userIdByName.put(user.getUsername(), user.getUserId());
  }

  private void index(SessionRecord session) {
    sessions.put(session.getSessionId(), session);
    sessionIndex.put(
        session.getTokenHash().toByteArray(),
        new SessionIndex.Session(
            session.getSessionId(), session.getUserId(), session.getExpiresAtMillis()));
  }

  // Reads.

  UserRecord user(String userId) {
    return users.get(userId);
  }

  UserRecord userByName(String username) {
    String id = userIdByName.get(username);
    return id == null ? null : users.get(id);
  }

  boolean exists(String userId) {
    return users.containsKey(userId);
  }

  boolean isAdmin(String userId) {
    UserRecord user = users.get(userId);
    return user != null && user.getAdmin();
  }

  /**
   * Users whose username or display name starts with {@code prefix} (ignoring case), by username,
   * at most {@code limit}.
   */
  List<UserRecord> startingWith(String prefix, int limit) {
    String wanted = prefix.toLowerCase(Locale.ROOT);
    List<UserRecord> found = new ArrayList<>();
    for (String id : userIdByName.values()) {
      if (found.size() == limit) {
        break;
      }
      UserRecord user = users.get(id);
      if (user.getUsername().toLowerCase(Locale.ROOT).startsWith(wanted)
          || user.getDisplayName().toLowerCase(Locale.ROOT).startsWith(wanted)) {
        found.add(user);
      }
    }
    return found;
  }

  /** The user as other users see them; only the id for one that does not exist. */
  User publicUser(String userId) {
    UserRecord record = users.get(userId);
    var user = User.newBuilder().setUserId(userId);
    if (record != null) {
      user.setUsername(record.getUsername())
          .setDisplayName(record.getDisplayName())
          .setAdmin(record.getAdmin())
          .setColor(record.getColor());
    }
    return user.build();
  }

  SessionIndex sessionIndex() {
    return sessionIndex;
  }

  // Snapshot.

  void writeTo(StateSnapshot.Builder snapshot) {
    snapshot.addAllUsers(users.values());
    snapshot.addAllSessions(sessions.values());
  }

  void restore(StateSnapshot snapshot) {
    users.clear();
    userIdByName.clear();
    sessions.clear();
    sessionIndex.clear();
    snapshot.getUsersList().forEach(this::add);
    snapshot.getSessionsList().forEach(this::index);
  }
}
