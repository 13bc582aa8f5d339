package dev.raftpad.server.api;

import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * One dimension of the sign-in throttle: failed sign-ins per key (an account name, or a client
 * address) under one {@link ThrottlePolicy}, in bounded memory. Not thread-safe: {@link
 * LoginThrottle} holds its lock around every call, so that checking and admitting are one step.
 *
 * <p>Attempts still running (their password being checked) count too: once the failures plus the
 * running attempts would pass the free allowance, a further attempt waits for their verdicts — so
 * sending many attempts at once buys no more password checks than sending them one by one.
 *
 * <p>At most {@code maxKeys} keys are kept; a new key beyond that evicts the quietest (the one
 * whose last attempt is oldest; keys whose failures are already forgotten are the quietest). An
 * attacker who sends many distinct names or addresses costs a bounded amount of memory, and to push
 * a key under attack out of the table would have to try {@code maxKeys} other keys after it.
 */
final class FailureTable {
  /** How an attempt ended, as this dimension sees it. */
  enum Verdict {
    /** The password was wrong (or the account unknown). */
    FAILED,
    /** The password was right: the failures are cleared. */
    CLEARED,
    /** No verdict about the key (a redirect, a failed read, or a success this key ignores). */
    RELEASED
  }

  private static final class Entry {
    int failures;
    long lastFailureNanos;
    int running;
  }

  private final ThrottlePolicy policy;
  private final int maxKeys;
  // Insertion order is kept as "last activity" order: a touched key is moved to the end.
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();

  FailureTable(ThrottlePolicy policy, int maxKeys) {
    if (maxKeys < 1) {
      throw new IllegalArgumentException("maxKeys must be positive: " + maxKeys);
    }
    this.policy = policy;
    this.maxKeys = maxKeys;
  }

  ThrottlePolicy policy() {
    return policy;
  }

  /** How long {@code key} must wait before its next attempt, in nanoseconds; 0: it may go now. */
  long waitNanos(String key, long now) {
    Entry entry = current(key, now);
    if (entry == null) {
      return 0;
    }
    if (entry.failures > policy.freeFailures()) {
      long remaining = entry.lastFailureNanos + policy.delayAfter(entry.failures).toNanos() - now;
      if (remaining > 0) {
        return remaining;
      }
    }
    if (entry.running > 0 && entry.failures + entry.running > policy.freeFailures()) {
      return policy.firstDelay().toNanos();
    }
    return 0;
  }

  /** An attempt for {@code key} starts (its password is about to be checked). */
  void begin(String key) {
    Entry entry = touch(key);
    entry.running++;
  }

  /**
   * The attempt for {@code key} that {@link #begin} started has ended.
   *
   * @return true when this failure is the one that makes the key wait for the first time (worth a
   *     warning in the log)
   */
  boolean end(String key, Verdict verdict, long now) {
    Entry entry = entries.get(key);
    if (entry == null) {
      if (verdict != Verdict.FAILED) {
        return false; // evicted meanwhile; nothing to clear
      }
      entry = touch(key);
    } else {
      entry.running = Math.max(0, entry.running - 1);
    }
    boolean firstWait = false;
    switch (verdict) {
      case FAILED -> {
        forgetIfQuiet(entry, now);
        entry.failures++;
        entry.lastFailureNanos = now;
        firstWait = entry.failures == policy.freeFailures() + 1;
        touch(key);
      }
      case CLEARED -> entry.failures = 0;
      case RELEASED -> {}
    }
    if (entry.failures == 0 && entry.running == 0) {
      entries.remove(key);
    }
    return firstWait;
  }

  /** Failures counted against {@code key} now (0 once forgotten). */
  int failures(String key, long now) {
    Entry entry = current(key, now);
    return entry == null ? 0 : entry.failures;
  }

  /** How many keys are kept. */
  int size() {
    return entries.size();
  }

  /** The entry of {@code key} with its quiet failures forgotten; null (and dropped) if empty. */
  private Entry current(String key, long now) {
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    forgetIfQuiet(entry, now);
    if (entry.failures == 0 && entry.running == 0) {
      entries.remove(key);
      return null;
    }
    return entry;
  }

  private void forgetIfQuiet(Entry entry, long now) {
    if (entry.failures > 0 && now - entry.lastFailureNanos >= policy.forgetAfter().toNanos()) {
      entry.failures = 0;
    }
  }

  /** The entry of {@code key}, created if need be, moved to the end of the activity order. */
  private Entry touch(String key) {
    Entry entry = entries.remove(key);
    if (entry == null) {
      entry = new Entry();
      makeRoom();
    }
    entries.put(key, entry);
    return entry;
  }

  /** Evicts the quietest keys (forgotten ones are among them) until one more fits. */
  private void makeRoom() {
    Iterator<String> quietestFirst = entries.keySet().iterator();
    while (entries.size() >= maxKeys && quietestFirst.hasNext()) {
      quietestFirst.next();
      quietestFirst.remove();
    }
  }
}
