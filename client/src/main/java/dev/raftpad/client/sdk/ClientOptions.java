package dev.raftpad.client.sdk;

import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How a {@link RaftpadClient} talks to the cluster.
 *
 * @param attemptTimeout the deadline of one attempt at one node
 * @param callTimeout the deadline of a whole call, retries included
 * @param initialBackoff the first pause between retries (doubled per retry, with full jitter)
 * @param maxBackoff the longest pause between retries
 * @param offlineAfter how long a stream may fail to reconnect before it reports OFFLINE (it keeps
 *     trying)
 * @param eventExecutor where listeners run; must run tasks one at a time in order (the desktop app
 *     passes {@code Platform::runLater}); {@code null} = one SDK thread per client
 * @param pinned talk only to the first seed: follow no redirect and try no other member (for
 *     per-node diagnostics and stale reads of one node)
 */
public record ClientOptions(
    Duration attemptTimeout,
    Duration callTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration offlineAfter,
    Executor eventExecutor,
    boolean pinned) {

  public ClientOptions {
    requirePositive(attemptTimeout, "attemptTimeout");
    requirePositive(callTimeout, "callTimeout");
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(offlineAfter, "offlineAfter");
  }

  /** 5 s per attempt, 30 s per call, backoff 20 ms to 1 s, offline after 10 s, SDK event thread. */
  public static ClientOptions defaults() {
    return new ClientOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMillis(20),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        null,
        false);
  }

  public ClientOptions withTimeouts(Duration attempt, Duration call) {
    return new ClientOptions(
        attempt, call, initialBackoff, maxBackoff, offlineAfter, eventExecutor, pinned);
  }

  public ClientOptions withBackoff(Duration initial, Duration max) {
    return new ClientOptions(
        attemptTimeout, callTimeout, initial, max, offlineAfter, eventExecutor, pinned);
  }

  public ClientOptions withEventExecutor(Executor executor) {
    return new ClientOptions(
        attemptTimeout, callTimeout, initialBackoff, maxBackoff, offlineAfter, executor, pinned);
  }

  public ClientOptions withOfflineAfter(Duration offline) {
    return new ClientOptions(
        attemptTimeout, callTimeout, initialBackoff, maxBackoff, offline, eventExecutor, pinned);
  }

  /** Only the first seed, no redirects, no failover. */
  public ClientOptions pinnedToFirstSeed() {
    return new ClientOptions(
        attemptTimeout, callTimeout, initialBackoff, maxBackoff, offlineAfter, eventExecutor, true);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
