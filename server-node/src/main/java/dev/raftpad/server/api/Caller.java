package dev.raftpad.server.api;

import dev.raftpad.server.state.SessionIndex;
import io.grpc.Context;

/**
 * The authenticated session of the current call, put in the gRPC context by {@link Authenticator}.
 */
final class Caller {
  static final Context.Key<SessionIndex.Session> SESSION = Context.key("raftpad-session");

  private Caller() {}

  static SessionIndex.Session session() {
    SessionIndex.Session session = SESSION.get();
    if (session == null) {
      throw Statuses.unauthenticated("this call needs a session token");
    }
    return session;
  }
}
