package dev.raftpad.client.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * Every acknowledged edit of the failover benchmark: when its answer arrived and which node gave
 * it. The benchmark asks for the first one after a kill that another node answered.
 */
final class AckLog {
  /** One acknowledged edit. */
  record Ack(long nanos, String answeredBy) {}

  private final List<Ack> acks = new ArrayList<>();

  synchronized void add(long nanos, String answeredBy) {
    acks.add(new Ack(nanos, answeredBy));
    notifyAll();
  }

  synchronized int size() {
    return acks.size();
  }

  /**
   * Waits for the first edit acknowledged after {@code afterNanos} by a node other than {@code
   * notBy}, at most {@code timeoutNanos} after {@code afterNanos}.
   *
   * @return when it was acknowledged, or empty if none was in time
   */
  synchronized OptionalLong firstAfter(long afterNanos, String notBy, long timeoutNanos)
      throws InterruptedException {
    long deadline = afterNanos + timeoutNanos;
    int from = 0;
    while (true) {
      for (int i = from; i < acks.size(); i++) {
        Ack ack = acks.get(i);
        if (ack.nanos() - afterNanos > 0 && !ack.answeredBy().equals(notBy)) {
          return OptionalLong.of(ack.nanos());
        }
      }
      from = acks.size();
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return OptionalLong.empty();
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
  }

  /** Forgets what is no longer needed (everything before {@code nanos}), to bound memory. */
  synchronized void dropBefore(long nanos) {
    acks.removeIf(ack -> ack.nanos() - nanos < 0);
  }
}
