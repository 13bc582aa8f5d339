package dev.raftpad.raft.core;

import java.util.ArrayDeque;

/**
 * The leader's view of one follower's log (etcd's Progress): what is known to match, what to send
 * next, and how the leader is currently replicating to it.
 */
final class Progress {
  /** How the leader sends to this follower. */
  enum State {
    /** Unsure where the logs diverge: one append at a time until one succeeds. */
    PROBE,
    /** Logs agree up to match: appends are pipelined optimistically, bounded by the window. */
    REPLICATE,
    /** The entries it needs are compacted: a snapshot is on its way. */
    SNAPSHOT
  }

  long match;
  long next;
  State state = State.PROBE;

  /** In PROBE, an append is outstanding: wait for its answer or a heartbeat response. */
  boolean probeSent;

  /** In SNAPSHOT, the index of the snapshot sent. */
  long pendingSnapshot;

  /** Heard from since the last check-quorum round. */
  boolean recentActive;

  /**
   * Heard from in the check-quorum round before this one. Status reports a follower reachable if it
   * answered in either, so a status taken just after a round's reset does not call a live follower
   * unreachable.
   */
  boolean activeInPreviousRound;

  /** The highest commit index sent to this follower, so a lagging one is told promptly. */
  long sentCommit;

  /** The latest heartbeat round this follower acknowledged (ReadIndex). */
  long ackedReadRound;

  private final Inflights inflights;

  Progress(long next, int maxInflightAppends, long maxInflightBytes) {
    this.next = next;
    this.inflights = new Inflights(maxInflightAppends, maxInflightBytes);
  }

  boolean isPaused() {
    return switch (state) {
      case PROBE -> probeSent;
      case REPLICATE -> inflights.full();
      case SNAPSHOT -> true;
    };
  }

  void becomeProbe() {
    if (state == State.SNAPSHOT) {
      next = Math.max(match + 1, pendingSnapshot + 1);
    } else {
      next = match + 1;
    }
    state = State.PROBE;
    probeSent = false;
    pendingSnapshot = 0;
    inflights.clear();
  }

  void becomeReplicate() {
    state = State.REPLICATE;
    next = match + 1;
    probeSent = false;
    pendingSnapshot = 0;
    inflights.clear();
  }

  void becomeSnapshot(long snapshotIndex) {
    state = State.SNAPSHOT;
    pendingSnapshot = snapshotIndex;
    probeSent = false;
    inflights.clear();
  }

  /** Records that an append ending at {@code lastIndex} was sent. */
  void sentEntries(long lastIndex, long bytes) {
    switch (state) {
      case REPLICATE -> {
        next = lastIndex + 1;
        inflights.add(lastIndex, bytes);
      }
      case PROBE -> probeSent = true;
      case SNAPSHOT -> throw new IllegalStateException("sending entries while snapshotting");
    }
  }

  /** A successful response: returns whether it told us something new. */
  boolean maybeUpdate(long index) {
    boolean updated = false;
    if (index > match) {
      match = index;
      updated = true;
      probeSent = false;
    }
    next = Math.max(next, index + 1);
    inflights.freeTo(index);
    return updated;
  }

  /**
   * A rejection of the append after {@code rejected}; {@code retryFrom} is where the hints say to
   * try next. Stale rejections (for an append we no longer wait for) are ignored.
   */
  boolean maybeDecreaseTo(long rejected, long retryFrom) {
    if (state == State.REPLICATE) {
      if (rejected <= match) {
        return false;
      }
      next = Math.max(match + 1, Math.min(retryFrom, rejected));
      return true;
    }
    if (next - 1 != rejected) {
      return false;
    }
    next = Math.max(match + 1, Math.min(retryFrom, rejected));
    probeSent = false;
    return true;
  }

  /** A bounded window of appends in flight, by count and by bytes. */
  static final class Inflights {
    private record Sent(long lastIndex, long bytes) {}

    private final int maxCount;
    private final long maxBytes;
    private final ArrayDeque<Sent> sent = new ArrayDeque<>();
    private long bytes;

    Inflights(int maxCount, long maxBytes) {
      this.maxCount = maxCount;
      this.maxBytes = maxBytes;
    }

    void add(long lastIndex, long size) {
      sent.addLast(new Sent(lastIndex, size));
      bytes += size;
    }

    void freeTo(long index) {
      while (!sent.isEmpty() && sent.peekFirst().lastIndex() <= index) {
        bytes -= sent.pollFirst().bytes();
      }
    }

    boolean full() {
      return sent.size() >= maxCount || bytes >= maxBytes;
    }

    void clear() {
      sent.clear();
      bytes = 0;
    }
  }
}
