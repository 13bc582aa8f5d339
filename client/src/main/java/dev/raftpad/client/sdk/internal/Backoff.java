package dev.raftpad.client.sdk.internal;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: the n-th pause is drawn uniformly from [cap/2, cap] where cap =
 * min(max, initial * 2^n). Jitter keeps many clients that lost the same leader from retrying in
 * lockstep; the lower half bound keeps a client from spinning.
 */
public record Backoff(Duration initial, Duration max) {
  public long pauseNanos(int retry) {
    long cap = initial.toNanos() << Math.min(retry, 20);
    cap = Math.min(cap <= 0 ? Long.MAX_VALUE : cap, max.toNanos());
    long half = cap / 2;
    return half + ThreadLocalRandom.current().nextLong(half + 1);
  }
}
