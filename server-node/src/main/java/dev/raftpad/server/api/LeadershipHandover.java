package dev.raftpad.server.api;

import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.Status;
import dev.raftpad.raft.runtime.RaftServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Hands the leadership to a target and completes once this node sees the target lead. A Raft
 * transfer only starts a handover, and a leader gives it up after an election timeout when the
 * target has not caught up by then (a busy or lagging node). So while this node still leads it asks
 * again, and the caller learns whether the target leads, not merely that a handover began.
 */
final class LeadershipHandover {
  /**
   * How long a handover may take before the caller is told it did not happen: several election
   * timeouts, and within the SDK's default deadline of one attempt (5 s), so that the caller hears
   * this node's answer rather than its own deadline.
   */
  static final Duration WAIT = Duration.ofSeconds(4);

  private static final long LOOK_EVERY_MILLIS = 50;
  private static final long ASK_AGAIN_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final Executor NEXT_LOOK =
      CompletableFuture.delayedExecutor(LOOK_EVERY_MILLIS, TimeUnit.MILLISECONDS);

  /** How a handover ended. */
  sealed interface Outcome {
    /** The target leads. */
    record Done(String leader) implements Outcome {}

    /**
     * The target did not lead within {@link #WAIT}; {@code leader} leads as far as this node knows
     * (null: none known).
     */
    record TimedOut(String leader) implements Outcome {}
  }

  private final RaftServer<?> raft;
  private final String target;
  private final long deadline;
  private final CompletableFuture<Outcome> outcome = new CompletableFuture<>();
  private long lastAsked;

  private LeadershipHandover(RaftServer<?> raft, String target) {
    this.raft = raft;
    this.target = target;
    this.lastAsked = System.nanoTime();
    this.deadline = lastAsked + WAIT.toNanos();
  }

  /**
   * Follows a handover to {@code target} that {@code raft} has just started (its {@code
   * transferLeadership} answered true).
   */
  static CompletableFuture<Outcome> follow(RaftServer<?> raft, String target) {
    LeadershipHandover handover = new LeadershipHandover(raft, target);
    handover.look();
    return handover.outcome;
  }

  private void look() {
    Status status = raft.status();
    long now = System.nanoTime();
    if (target.equals(status.leaderId())) {
      outcome.complete(new Outcome.Done(target));
      return;
    }
    if (now - deadline >= 0) {
      outcome.complete(new Outcome.TimedOut(status.leaderId()));
      return;
    }
    if (status.role() == RoleName.LEADER && now - lastAsked >= ASK_AGAIN_NANOS) {
      lastAsked = now;
      var unused = raft.transferLeadership(target); // true while the target is a voter
    }
    CompletableFuture.runAsync(this::look, NEXT_LOOK)
        .exceptionally(
            failure -> {
              outcome.completeExceptionally(failure);
              return null;
            });
  }
}
