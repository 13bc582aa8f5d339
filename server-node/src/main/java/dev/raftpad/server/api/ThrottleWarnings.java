package dev.raftpad.server.api;

import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sign-in throttle's lines in the log: one line when a key starts to wait, at most one per
 * {@link #INTERVAL} (the lines an attack would cause beyond that are counted and the count goes
 * into the next line), so an attack cannot flood the log. Never a stack trace.
 */
final class ThrottleWarnings {
  static final Duration INTERVAL = Duration.ofSeconds(10);
  private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

  private final LongSupplier nanoClock;
  private long lastLineNanos;
  private boolean anyLine;
  private int suppressed;

  ThrottleWarnings(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** {@code scope}'s key has just used up its free failures. */
  synchronized void firstWait(
      LoginThrottle.Scope scope, String account, String address, ThrottlePolicy policy) {
    long now = nanoClock.getAsLong();
    if (anyLine && now - lastLineNanos < INTERVAL.toNanos()) {
      suppressed++;
      return;
    }
    String key =
        scope == LoginThrottle.Scope.ACCOUNT
            ? "account '" + printable(account) + "' (last try from " + address + ")"
            : "address " + address + " (last try for account '" + printable(account) + "')";
    log.warn(
        "sign-in throttled: {} after {} failed sign-ins; waits grow from {} to at most {}{}",
        key,
        policy.freeFailures() + 1,
        readable(policy.firstDelay()),
        readable(policy.maxDelay()),
        suppressed == 0 ? "" : " (" + suppressed + " more keys throttled since the last line)");
    anyLine = true;
    lastLineNanos = now;
    suppressed = 0;
  }

  private static String readable(Duration wait) {
    return wait.toSeconds() < 120 ? wait.toSeconds() + " s" : wait.toMinutes() + " min";
  }

  /** A name as the client sent it, without line breaks or other controls to forge log lines. */
  private static String printable(String name) {
    return name.replaceAll("\\p{Cntrl}", "?");
  }
}
