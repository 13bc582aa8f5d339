package dev.raftpad.client.sdk.internal;

import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.RaftpadException.Reason;
import io.grpc.Channel;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Runs a unary call against the cluster: at the leader when known, following NotLeader redirects,
 * moving on to the next member when a node fails, pausing with backoff and jitter, each attempt
 * under its own deadline and the whole call under the call deadline. A call is retried only when
 * that cannot apply it twice ({@link CallKind}).
 *
 * <p>Failover is what the pauses are tuned for: a node that cannot be reached is skipped for the
 * next member at once (until every member failed in a row), a redirect to a named leader is
 * followed at once, and while an election runs (NotLeader naming nobody) the members are asked
 * again at least every {@link #ELECTION_POLL_NANOS} for the first {@link #ELECTION_POLL_FOR_NANOS}
 * of the call: a leader's death is now noticed within a tick or two, so the new leader is usually
 * there before an exponential backoff would look again.
 */
public final class Retrier {
  /** One try at one node. */
  public record Attempt(String address, Channel channel, Deadline deadline) {}

  /** How long UNAUTHENTICATED is taken for a lagging node rather than an ended session. */
  static final long AUTH_GRACE_NANOS = TimeUnit.SECONDS.toNanos(10);

  /** The longest pause while an election runs, early in a call. */
  static final long ELECTION_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** How long into a call elections are polled that often; after that, plain backoff. */
  static final long ELECTION_POLL_FOR_NANOS = TimeUnit.SECONDS.toNanos(2);

  /** Redirects to a named leader followed without a pause, per call (a guard against loops). */
  static final int IMMEDIATE_REDIRECTS = 3;

  /** What one call went through so far. */
  private static final class Tries {
    final long started = System.nanoTime();
    int retries;
    int redirects;
    int unreachableInARow;
    final Set<String> unreachable = new HashSet<>();
  }

  private static ErrorMapper.Redirect noLeader(ErrorMapper.Redirect redirect) {
    return new ErrorMapper.Redirect("", "", redirect.memberAddresses());
  }

  /** A pause while an election runs: jittered, so clients that lost one leader do not align. */
  private static long electionPollNanos() {
    return ELECTION_POLL_NANOS / 2 + ThreadLocalRandom.current().nextLong(ELECTION_POLL_NANOS / 2);
  }

  private final LeaderTracker tracker;
  private final java.util.function.BooleanSupplier signedIn;
  private final Function<String, Channel> channels;
  private final ClientOptions options;
  private final Backoff backoff;
  private final LongConsumer pause;

  public Retrier(
      LeaderTracker tracker,
      java.util.function.BooleanSupplier signedIn,
      Function<String, Channel> channels,
      ClientOptions options) {
    this(tracker, signedIn, channels, options, LockSupport::parkNanos);
  }

  /**
   * @param pause waits the given nanoseconds between two attempts (tests record the pauses instead)
   */
  Retrier(
      LeaderTracker tracker,
      java.util.function.BooleanSupplier signedIn,
      Function<String, Channel> channels,
      ClientOptions options,
      LongConsumer pause) {
    this.tracker = tracker;
    this.signedIn = signedIn;
    this.channels = channels;
    this.options = options;
    this.backoff = new Backoff(options.initialBackoff(), options.maxBackoff());
    this.pause = pause;
  }

  public <T> T call(CallKind kind, Function<Attempt, T> rpc) {
    return call(kind, options.callTimeout(), rpc);
  }

  public <T> T call(CallKind kind, Duration callTimeout, Function<Attempt, T> rpc) {
    Tries tries = new Tries();
    long deadline = tries.started + callTimeout.toNanos();
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
      long pause = decide(kind, address, failure, tries);
      if (pause < 0 || System.nanoTime() + pause >= deadline) {
        // A last attempt cut short by the call's deadline says less than the earlier "nobody
        // answered": report that one, so a dead cluster reads as unreachable, not as slow.
        throw failure.reason() == Reason.DEADLINE_EXCEEDED && unreachable != null
            ? unreachable.exception()
            : failure.exception();
      }
      tries.retries++;
      this.pause.accept(pause);
    }
  }

  /** How long to pause before the next attempt, or -1 to give up with this failure. */
  private long decide(CallKind kind, String address, ErrorMapper.Failure failure, Tries tries) {
    boolean mayRepeat = kind != CallKind.WRITE_ONCE || failure.neverSent();
    int retries = tries.retries;
    long started = tries.started;
    if (failure.reason() != Reason.UNAVAILABLE) {
      tries.unreachableInARow = 0;
    }
    return switch (failure.reason()) {
      case NOT_LEADER -> {
        if (tracker.pinned()) {
          yield -1;
        }
        // Refused before anything ran: safe for every call. A known new leader is tried at once.
        // A follower that has not yet noticed its leader died still names it: that is an
        // election about to run, not a leader to go to.
        Optional<ErrorMapper.Redirect> redirect =
            failure
                .redirect()
                .map(r -> tries.unreachable.contains(r.leaderAddress()) ? noLeader(r) : r);
        redirect.ifPresent(r -> tracker.redirected(address, r));
        boolean newLeader = redirect.map(r -> !r.leaderAddress().isEmpty()).orElse(false);
        if (newLeader && ++tries.redirects <= IMMEDIATE_REDIRECTS) {
          yield 0;
        }
        long pause = backoff.pauseNanos(retries);
        yield !newLeader && System.nanoTime() - started < ELECTION_POLL_FOR_NANOS
            ? Math.min(pause, electionPollNanos())
            : pause;
      }
      case RATE_LIMITED ->
          failure
              .exception()
              .retryAfter()
              .map(Duration::toNanos)
              .orElse(backoff.pauseNanos(retries));
      case UNAVAILABLE -> {
        // The node is down or restarting: try the next member, at once unless all failed.
        tracker.failed(address);
        tries.unreachable.add(address);
        if (!mayRepeat) {
          yield -1;
        }
        yield ++tries.unreachableInARow < tracker.members().size()
            ? 0
            : backoff.pauseNanos(retries);
      }
      case DEADLINE_EXCEEDED -> {
        // The node is hung or overloaded: try the next member after a pause.
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
      // A member just restarted has not been heard from yet, or a roll is under way: wait it out.
      case NO_QUORUM, MEMBERSHIP_CHANGE_IN_PROGRESS, UPGRADE_IN_PROGRESS ->
          kind == CallKind.WRITE_ONCE ? -1 : backoff.pauseNanos(retries);
      default -> -1;
    };
  }
}
