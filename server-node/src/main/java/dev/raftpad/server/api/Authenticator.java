package dev.raftpad.server.api;

import dev.raftpad.server.state.SessionIndex;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Authenticates client calls: the {@code authorization: Bearer <token>} header is hashed and looked
 * up among the live sessions; the session goes into the call's context. Register and Login are the
 * only calls that need no session.
 */
public final class Authenticator implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final Set<String> OPEN =
      Set.of("raftpad.v1.AccountService/Register", "raftpad.v1.AccountService/Login");

  /** Characters of a token: 32 bytes in base64url without padding. */
  static final int TOKEN_LENGTH = 43;

  private final SessionIndex sessions;
  private final LongSupplier clock;
  private final RateLimiter rateLimiter;
  private final Replicator replicator;

  /**
   * @param replicator tells whether this node may judge an unknown token: only a leader that has
   *     applied everything it knows to be committed has seen every session
   */
  public Authenticator(
      SessionIndex sessions, LongSupplier clock, RateLimiter rateLimiter, Replicator replicator) {
    this.sessions = sessions;
    this.clock = clock;
    this.rateLimiter = rateLimiter;
    this.replicator = replicator;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String header = headers.get(AUTHORIZATION);
    String token =
        header != null && header.startsWith("Bearer ")
            ? header.substring("Bearer ".length())
            : null;
    SessionIndex.Session session =
        token == null ? null : sessions.find(tokenHash(token), clock.getAsLong());
    if (OPEN.contains(call.getMethodDescriptor().getFullMethodName())) {
      // No session needed; one that came along is passed on (an admin registering others).
      return session == null
          ? next.startCall(call, headers)
          : Contexts.interceptCall(
              Context.current().withValue(Caller.SESSION, session), call, headers, next);
    }
    if (session == null && isWellFormed(token) && !mayJudgeUnknownTokens()) {
      // A follower, or a leader still catching up, may simply not have applied the login yet:
      // send the client to the leader instead of telling it, wrongly, that it is signed out.
      var redirect =
          Statuses.notLeader(
              replicator.notLeader(null),
              "this node does not know the session yet; ask the leader");
      call.close(
          redirect.getStatus(),
          redirect.getTrailers() == null ? new Metadata() : redirect.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    if (session == null) {
      var refusal = Statuses.unauthenticated("missing, unknown or expired session token; log in");
      call.close(
          refusal.getStatus(),
          refusal.getTrailers() == null ? new Metadata() : refusal.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    if (!rateLimiter.tryAcquire(session.sessionId())) {
      var limited = Statuses.rateLimited();
      call.close(
          limited.getStatus(),
          limited.getTrailers() == null ? new Metadata() : limited.getTrailers());
      return new ServerCall.Listener<>() {};
    }
    return Contexts.interceptCall(
        Context.current().withValue(Caller.SESSION, session), call, headers, next);
  }

  /**
   * Whether a token has the shape of one that Login hands out (32 random bytes, base64url without
   * padding): only such a token can belong to a session this node has not applied yet. Anything
   * else is refused as UNAUTHENTICATED by every node, follower or not.
   */
  static boolean isWellFormed(String token) {
    return token != null
        && token.length() == TOKEN_LENGTH
        && token
            .chars()
            .allMatch(c -> (c < 128 && Character.isLetterOrDigit(c)) || c == '-' || c == '_');
  }

  private boolean mayJudgeUnknownTokens() {
    var status = replicator.raftStatus();
    return status.role() == dev.raftpad.raft.core.RoleName.LEADER
        && status.appliedIndex() >= status.commitIndex();
  }

  /** What is stored of a token: its SHA-256. */
  static byte[] tokenHash(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
