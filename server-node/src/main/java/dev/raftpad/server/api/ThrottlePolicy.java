package dev.raftpad.server.api;

import java.time.Duration;

/**
 * How one dimension of the sign-in throttle (per account, per client address) answers failures: a
 * few are free, then each further one makes the key wait twice as long as the last, up to a cap; a
 * key that fails no more for {@code forgetAfter} starts from nothing again.
 *
 * @param freeFailures failures answered without any wait (people mistype passwords)
 * @param firstDelay the wait after the first failure beyond the free ones
 * @param maxDelay the longest wait, however many failures
 * @param forgetAfter failures older than this (counted from the last one) are forgotten
 */
public record ThrottlePolicy(
    int freeFailures, Duration firstDelay, Duration maxDelay, Duration forgetAfter) {
  /**
   * Per account: capped low, so that someone failing on purpose against another's account delays
   * the real user by at most half a minute per attempt, never locks them out.
   */
  public static final ThrottlePolicy ACCOUNT =
      new ThrottlePolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(15));

  /**
   * Per client address: a larger free allowance (an office behind one NAT address, a test suite on
   * loopback) but a much higher cap, because an address that keeps failing is the attacker.
   */
  public static final ThrottlePolicy ADDRESS =
      new ThrottlePolicy(20, Duration.ofSeconds(1), Duration.ofMinutes(15), Duration.ofHours(1));

  public ThrottlePolicy {
    if (freeFailures < 0
        || firstDelay.isNegative()
        || firstDelay.isZero()
        || maxDelay.compareTo(firstDelay) < 0
        || forgetAfter.isNegative()
        || forgetAfter.isZero()) {
      throw new IllegalArgumentException(
          "not a throttle policy: %d free, %s first, %s max, forget after %s"
              .formatted(freeFailures, firstDelay, maxDelay, forgetAfter));
    }
  }

  /** How long a key must wait after its {@code failures}-th failure in a row. */
  public Duration delayAfter(int failures) {
    if (failures <= freeFailures) {
      return Duration.ZERO;
    }
    Duration delay = firstDelay;
    for (int beyond = failures - freeFailures - 1; beyond > 0; beyond--) {
      if (delay.compareTo(maxDelay.dividedBy(2)) >= 0) {
        return maxDelay; // doubling once more would pass the cap (and may not overflow)
      }
      delay = delay.multipliedBy(2);
    }
    return delay;
  }
}
