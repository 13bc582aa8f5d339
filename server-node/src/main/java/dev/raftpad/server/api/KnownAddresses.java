package dev.raftpad.server.api;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;

/**
 * The addresses each account signed in from lately, in bounded memory. The sign-in throttle counts
 * failures from such an address apart from everyone else's failures on the account, so strangers
 * failing on purpose cannot keep the real user waiting at their usual place. Not thread-safe:
 * {@link LoginThrottle} holds its lock around every call.
 */
final class KnownAddresses {
  /** How long a successful sign-in keeps its address known. */
  static final Duration REMEMBERED_FOR = Duration.ofDays(30);

  private final int maxPairs;
  // account@address -> when it last signed in; insertion order = oldest success first.
  private final LinkedHashMap<String, Long> lastSuccessNanos = new LinkedHashMap<>();

  KnownAddresses(int maxPairs) {
    this.maxPairs = maxPairs;
  }

  /** Whether {@code account} signed in from {@code address} within {@link #REMEMBERED_FOR}. */
  boolean isKnown(String account, String address, long now) {
    String pair = pair(account, address);
    Long last = lastSuccessNanos.get(pair);
    if (last == null) {
      return false;
    }
    if (now - last >= REMEMBERED_FOR.toNanos()) {
      lastSuccessNanos.remove(pair);
      return false;
    }
    return true;
  }

  /** {@code account} signed in from {@code address}: it is known from now on. */
  void signedIn(String account, String address, long now) {
    String pair = pair(account, address);
    lastSuccessNanos.remove(pair);
    Iterator<String> oldestFirst = lastSuccessNanos.keySet().iterator();
    while (lastSuccessNanos.size() >= maxPairs && oldestFirst.hasNext()) {
      oldestFirst.next();
      oldestFirst.remove();
    }
    lastSuccessNanos.put(pair, now);
  }

  /** The failure key of {@code account} at a known address: '@' is in no account name. */
  static String pair(String account, String address) {
    return account + "@" + address;
  }
}
