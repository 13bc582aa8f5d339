package dev.raftpad.raft.core;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The role a node plays, with the state that exists only in that role. */
sealed interface Role {

  /** Follows a leader (or waits for one). Learners are followers that are not voters. */
  record Follower() implements Role {}

  /** Counting votes of a (pre-)election. */
  abstract sealed class Election implements Role permits PreCandidate, Candidate {
    private final Map<String, Boolean> votes = new TreeMap<>();

    abstract boolean isPreVote();

    void record(String voter, boolean granted) {
      votes.putIfAbsent(voter, granted);
    }

    boolean answered(String voter) {
      return votes.containsKey(voter);
    }

    boolean won(Membership membership) {
      return count(membership, true) >= membership.quorum();
    }

    boolean lost(Membership membership) {
      return count(membership, false) >= membership.quorum();
    }

    private long count(Membership membership, boolean granted) {
      return votes.entrySet().stream()
          .filter(e -> e.getValue() == granted && membership.isVoter(e.getKey()))
          .count();
    }
  }

  /** Asking whether it could win, without disturbing anybody's term (thesis §9.6). */
  final class PreCandidate extends Election {
    @Override
    boolean isPreVote() {
      return true;
    }
  }

  /** Standing for election in its own new term. */
  final class Candidate extends Election {
    @Override
    boolean isPreVote() {
      return false;
    }
  }

  /** A read waiting for its index to be confirmed by a quorum. */
  record PendingRead(String from, long requestId, long index, long round) {}

  /** Leads the cluster: tracks every follower's progress, pending reads and transfers. */
  final class Leader implements Role {
    final Map<String, Progress> progress = new HashMap<>();

    /**
     * Entries were appended since the last broadcast: one batched append per follower at the next
     * Ready rather than one per proposal.
     */
    boolean broadcastPending;

    /** The voter leadership is being handed to, or null. */
    String transferee;

    /** Heartbeat round number; a read registered in round r is confirmed by acks of round >= r. */
    long readRound;

    final ArrayDeque<PendingRead> pendingReads = new ArrayDeque<>();
    final List<PendingRead> readsAwaitingTermCommit = new ArrayList<>();

    /**
     * The forwarded proposals this leader appended in its term, per follower (the most recent
     * {@link #FORWARDS_REMEMBERED}): a network that delivers a request twice must not append its
     * command twice. Only this term's leader can append a request of this term, so the memory need
     * not outlive the role.
     */
    final Map<String, java.util.LinkedHashSet<Long>> forwardsAppended = new HashMap<>();

    static final int FORWARDS_REMEMBERED = 16_384;

    /** Records that {@code from}'s request was appended; false if it already was. */
    boolean firstForward(String from, long requestId) {
      var seen = forwardsAppended.computeIfAbsent(from, peer -> new java.util.LinkedHashSet<>());
      if (!seen.add(requestId)) {
        return false;
      }
      if (seen.size() > FORWARDS_REMEMBERED) {
        seen.remove(seen.iterator().next());
      }
      return true;
    }

    boolean quorumActive(Membership membership, String self) {
      long active =
          membership.voters().stream()
              .filter(
                  v -> v.equals(self) || (progress.containsKey(v) && progress.get(v).recentActive))
              .count();
      return active >= membership.quorum();
    }

    void resetRecentActive(String self) {
      progress.forEach(
          (peer, p) -> {
            p.activeInPreviousRound = p.recentActive;
            p.recentActive = peer.equals(self);
          });
    }
  }
}
