package dev.raftpad.server.api;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CreateSessionCommand;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.LoginResponse;
import dev.raftpad.proto.v1.LogoutRequest;
import dev.raftpad.proto.v1.LogoutResponse;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.RegisterResponse;
import dev.raftpad.proto.v1.RegisterUserCommand;
import dev.raftpad.proto.v1.SessionRecord;
import dev.raftpad.proto.v1.User;
import dev.raftpad.proto.v1.UserRecord;
import dev.raftpad.proto.v1.WhoAmIRequest;
import dev.raftpad.proto.v1.WhoAmIResponse;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.SessionIndex;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.mindrot.jbcrypt.BCrypt;

/**
 * Accounts and sessions. Password hashing and checking (bcrypt, deliberately slow) run on a worker
 * executor, never on the Raft loop; the token is 256 random bits of which only the SHA-256 is
 * replicated. Login checks passwords at the leader only, and only once the {@link LoginThrottle}
 * admits the attempt: a throttled attempt costs no read and no bcrypt round.
 */
public final class AccountGrpcService extends AccountServiceGrpc.AccountServiceImplBase {
  static final Duration SESSION_LIFETIME = Duration.ofDays(7);
  private static final String[] COLORS = {
    "#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#46b4c4", "#f032e6", "#808000"
  };

  private final Replicator replicator;
  private final Executor workers;
  private final SecureRandom random = new SecureRandom();
  private final int bcryptCost;
  private final boolean openRegistration;
  private final LoginThrottle throttle;

  /**
   * @param openRegistration false: only admins add accounts (after the first, which becomes admin)
   * @param throttle asked before any password is checked (ADR 0009); it counts per client address
   *     too, so serve this service behind {@link ClientAddress#around}
   */
  public AccountGrpcService(
      Replicator replicator,
      Executor workers,
      int bcryptCost,
      boolean openRegistration,
      LoginThrottle throttle) {
    this.replicator = replicator;
    this.workers = workers;
    this.bcryptCost = bcryptCost;
    this.openRegistration = openRegistration;
    this.throttle = throttle;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> response) {
    CompletableFuture<CommandResult<UserRecord>> result;
    try {
      String username = Inputs.username(request.getUsername());
      String password = Inputs.password(request.getPassword());
      String display =
          request.getDisplayName().isBlank()
              ? username
              : Inputs.text("display_name", request.getDisplayName(), 64);
      String userId = UUID.randomUUID().toString();
      // Register needs no session, but an admin's session (if one came along) may add accounts
      // while registration is closed; the state machine decides with what the command says.
      var caller = Caller.SESSION.get();
      var adminCheck =
          caller == null
              ? CompletableFuture.completedFuture(false)
              : replicator.read(
                  state -> {
                    var user = state.user(caller.userId());
                    return user != null && user.getAdmin();
                  });
      result =
          adminCheck.thenCompose(
              byAdmin ->
                  CompletableFuture.supplyAsync(
                          () -> BCrypt.hashpw(password, BCrypt.gensalt(bcryptCost)), workers)
                      .thenCompose(
                          hash ->
                              replicator.propose(
                                  Commands.registerUser(
                                      RegisterUserCommand.newBuilder()
                                          .setUserId(userId)
                                          .setUsername(username)
                                          .setDisplayName(display)
                                          .setPasswordHash(hash)
                                          .setColor(
                                              COLORS[
                                                  Math.floorMod(
                                                      username.hashCode(), COLORS.length)])
                                          .setRegistrationClosed(!openRegistration)
                                          .setRequestedByAdmin(byAdmin)))));
    } catch (InvalidInputException e) {
      response.onError(Statuses.invalid(e));
      return;
    }
    Replies.fromCommand(
        result,
        response,
        replicator,
        user -> RegisterResponse.newBuilder().setUser(user(user)).build());
  }

  @Override
  public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
    String username = request.getUsername();
    String password = request.getPassword();
    CompletableFuture<UserRecord> checked;
    if (!Inputs.isUsername(username)) {
      // No account can have this name: refused like an unknown user, outside the throttle — no
      // password is checked, and cluster probes send an empty name to learn whether a node serves.
      checked =
          replicator.read(
              state -> {
                throw badCredentials();
              });
    } else if (!replicator.isLeader()) {
      // Passwords are checked at the leader only, so its throttle sees every attempt (ADR 0009).
      response.onError(
          Statuses.notLeader(
              replicator.notLeader(null), "sign in at the leader; this node is not it"));
      return;
    } else {
      switch (throttle.admit(username, ClientAddress.current())) {
        case LoginThrottle.Throttled throttled -> {
          response.onError(Statuses.loginThrottled(throttled.scope(), throttled.retryAfter()));
          return;
        }
        case LoginThrottle.Admitted admitted ->
            checked = check(username, password, admitted.attempt());
      }
    }
    byte[] tokenBytes = new byte[32];
    random.nextBytes(tokenBytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(tokenBytes);
    long expires = replicator.now() + SESSION_LIFETIME.toMillis();
    CompletableFuture<CommandResult<SessionRecord>> result =
        checked.thenCompose(
            user ->
                replicator.propose(
                    Commands.createSession(
                        CreateSessionCommand.newBuilder()
                            .setSessionId(UUID.randomUUID().toString())
                            .setTokenHash(ByteString.copyFrom(Authenticator.tokenHash(token)))
                            .setUserId(user.getUserId())
                            .setExpiresAtMillis(expires)
                            .setDeviceName(request.getDeviceName()))));
    Replies.fromCommand(
        result,
        response,
        replicator,
        session ->
            LoginResponse.newBuilder()
                .setToken(token)
                .setUser(user(replicator.state().user(session.getUserId())))
                .setExpiresAt(timestamp(expires))
                .build());
  }

  /**
   * Reads the account and checks the password (bcrypt, on a worker), reporting the verdict to the
   * throttle. Same answer for an unknown user and a wrong password: no user enumeration.
   */
  private CompletableFuture<UserRecord> check(
      String username, String password, LoginThrottle.Attempt attempt) {
    return replicator
        .read(state -> state.userByName(username))
        .thenApplyAsync(
            user -> {
              if (user == null || !BCrypt.checkpw(password, user.getPasswordHash())) {
                attempt.failed();
                throw badCredentials();
              }
              attempt.succeeded();
              return user;
            },
            workers)
        // Ended without a verdict (the read failed, the workers stopped): nothing is counted.
        .whenComplete((user, failure) -> attempt.abandoned());
  }

  private static RuntimeException badCredentials() {
    return Statuses.refused(
        new CommandResult.Refused<>(
            ErrorReason.ERROR_REASON_BAD_CREDENTIALS, "wrong username or password", Map.of()));
  }

  @Override
  public void logout(LogoutRequest request, StreamObserver<LogoutResponse> response) {
    SessionIndex.Session session = Caller.session();
    Replies.fromCommand(
        replicator.propose(Commands.endSession(session.sessionId())),
        response,
        replicator,
        ended -> LogoutResponse.getDefaultInstance());
  }

  @Override
  public void whoAmI(WhoAmIRequest request, StreamObserver<WhoAmIResponse> response) {
    SessionIndex.Session session = Caller.session();
    Replies.from(
        replicator.read(
            state ->
                WhoAmIResponse.newBuilder()
                    .setUser(user(state.user(session.userId())))
                    .setSessionExpiresAt(timestamp(session.expiresAtMillis()))
                    .build()),
        response,
        replicator);
  }

  static User user(UserRecord record) {
    return User.newBuilder()
        .setUserId(record.getUserId())
        .setUsername(record.getUsername())
        .setDisplayName(record.getDisplayName())
        .setAdmin(record.getAdmin())
        .setColor(record.getColor())
        .build();
  }

  static Timestamp timestamp(long millis) {
    return dev.raftpad.server.wire.Timestamps.ofMillis(millis);
  }
}
