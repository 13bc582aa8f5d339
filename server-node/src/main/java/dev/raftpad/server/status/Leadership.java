package dev.raftpad.server.status;

import dev.raftpad.raft.core.Status;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * When this node last saw an election and since when the current leader has led, by sampling the
 * node's Raft view (the raft module keeps no clock, by rule). Sampled often enough (every 100 ms)
 * that the times are within a sample of the truth; on the leader itself "leading since" is when it
 * first saw itself lead.
 */
public final class Leadership implements Runnable {
  private final Supplier<Status> status;
  private final Supplier<Instant> clock;
  private long term = -1;
  private String leader;
  private volatile Instant lastElection;
  private volatile Instant leaderSince;

  public Leadership(Supplier<Status> status, Supplier<Instant> clock) {
    this.status = status;
    this.clock = clock;
  }

  /** Takes one sample; one thread at a time. */
  @Override
  public void run() {
    Status now = status.get();
    Instant at = clock.get();
    if (term >= 0 && now.term() != term) {
      lastElection = at;
    }
    term = now.term();
    if (!Objects.equals(now.leaderId(), leader)) {
      leader = now.leaderId();
      leaderSince = leader == null ? null : at;
    }
  }

  /** When this node last saw a new term; empty if none since it started. Any thread. */
  public Optional<Instant> lastElection() {
    return Optional.ofNullable(lastElection);
  }

  /** How long the leader it knows has led, as far as it saw; empty without one. Any thread. */
  public Optional<Duration> leaderUptime() {
    Instant since = leaderSince;
    return since == null ? Optional.empty() : Optional.of(Duration.between(since, clock.get()));
  }
}
