package dev.raftpad.client.sdk.internal;

import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.RaftpadException.Reason;
import io.grpc.Channel;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * Runs a unary call against the cluster: at the leader when known, following NotLeader redirects,
 * moving on to the next member when a node fails, pausing with backoff and jitter, each attempt
 * under its own deadline and the whole call under the call deadline. A call is retried only when
 * that cannot apply it twice ({@link CallKind}).
 */
public final class Retrier {
  /** One try at one node. */
  public record Attempt(String address, Channel channel, Deadline deadline) {}

  /** How long UNAUTHENTICATED is taken for a lagging node rather than an ended session. */
  static final long AUTH_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final LeaderTracker tracker;
  private final java.util.function.BooleanSupplier signedIn;
  private final Function<String, Channel> channels;
  private final ClientOptions options;
  private final Backoff backoff;

  public Retrier(
      LeaderTracker tracker,
      java.util.function.BooleanSupplier signedIn,
      Function<String, Channel> channels,
      ClientOptions options) {
    this.tracker = tracker;
    this.signedIn = signedIn;
    this.channels = channels;
    this.options = options;
    this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
  }

  public <T> T call(CallKind kind, Function<Attempt, T> rpc) {
    return call(kind, options.callTimeout(), rpc);
  }

  public <T> T call(CallKind kind, Duration callTimeout, Function<Attempt, T> rpc) {
    long started = System.nanoTime();
    long deadline = started + callTimeout.toNanos();
    int retries = 0;
    ErrorMapper.Failure unreachable = null;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new RaftpadException(Reason.CANCELLED, "interrupted");
      }
      String address = tracker.target();
      long remaining = deadline - System.nanoTime();
      long attemptNanos = Math.min(options.attemptTimeout().toNanos(), Math.max(remaining, 1));
      ErrorMapper.Failure failure;
      try {
        T result =
            rpc.apply(
                new Attempt(
                    address,
                    channels.apply(address),
                    Deadline.after(attemptNanos, TimeUnit.NANOSECONDS)));
        if (kind.isWrite()) {
          tracker.confirmedLeader(address);
        }
        return result;
      } catch (RuntimeException e) {
        failure = ErrorMapper.classify(e);
      }
      if (failure.reason() == Reason.UNAVAILABLE) {
        unreachable = failure;
      }
      long pause = decide(kind, address, failure, retries, started);
      if (pause < 0 || System.nanoTime() + pause >= deadline) {
        // A last attempt cut short by the call's deadline says less than the earlier "nobody
        // answered": report that one, so a dead cluster reads as unreachable, not as slow.
        throw failure.reason() == Reason.DEADLINE_EXCEEDED && unreachable != null
            ? unreachable.exception()
            : failure.exception();
      }
      retries++;
      if (pause > 0) {
        LockSupport.parkNanos(pause);
      }
    }
  }

  /** How long to pause before the next attempt, or -1 to give up with this failure. */
  private long decide(
      CallKind kind, String address, ErrorMapper.Failure failure, int retries, long started) {
    boolean mayRepeat = kind != CallKind.WRITE_ONCE || failure.neverSent();
    return switch (failure.reason()) {
      case NOT_LEADER -> {
        if (tracker.pinned()) {
          yield -1;
        }
        // Refused before anything ran: safe for every call. A known new leader is tried at once.
        failure.redirect().ifPresent(r -> tracker.redirected(address, r));
        boolean newLeader = failure.redirect().map(r -> !r.leaderAddress().isEmpty()).orElse(false);
        yield newLeader && retries < 3 ? 0 : backoff.pauseNanos(retries);
      }
      case RATE_LIMITED ->
          failure
              .exception()
              .retryAfter()
              .map(Duration::toNanos)
              .orElse(backoff.pauseNanos(retries));
      case UNAVAILABLE, DEADLINE_EXCEEDED -> {
        // The node is down, restarting or hung: try the next member.
        tracker.failed(address);
        yield mayRepeat ? backoff.pauseNanos(retries) : -1;
      }
      case UNAUTHENTICATED -> {
        // A node that just restarted, even one just elected leader, may not have applied the
        // login that created this token yet and says UNAUTHENTICATED for a live session (see the
        // client README). The check runs before the call does, so retrying is safe for every
        // call; an ended session surfaces after the grace period.
        if (!signedIn.getAsBoolean() || System.nanoTime() - started > AUTH_GRACE_NANOS) {
          yield -1;
        }
        if (!tracker.pinned()) {
          tracker.failed(address);
        }
        yield backoff.pauseNanos(retries);
      }
      // Waiting out a sign-in throttle is the user's decision; retrying would only add failures.
      case LOGIN_THROTTLED -> -1;
      case NO_QUORUM, MEMBERSHIP_CHANGE_IN_PROGRESS ->
          kind == CallKind.WRITE_ONCE ? -1 : backoff.pauseNanos(retries);
      default -> -1;
    };
  }
}
