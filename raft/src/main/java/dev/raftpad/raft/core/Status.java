package dev.raftpad.raft.core;

import java.util.Map;

/** A consistent picture of one node, for status RPCs and metrics. */
public record Status(
    String id,
    long term,
    RoleName role,
    String leaderId,
    long commitIndex,
    long appliedIndex,
    long lastIndex,
    long snapshotIndex,
    Membership membership,
    Map<String, FollowerStatus> followers) {

  public Status {
    followers = Map.copyOf(followers);
  }

  /**
   * On a leader, the other voter with the longest matching log — the natural successor for a
   * leadership transfer; empty on non-leaders or a single-voter cluster.
   */
  public java.util.Optional<String> mostUpToDateOtherVoter() {
    return followers.entrySet().stream()
        .filter(e -> !e.getKey().equals(id) && membership.isVoter(e.getKey()))
        .max(java.util.Comparator.comparingLong(e -> e.getValue().match()))
        .map(Map.Entry::getKey);
  }

  /**
   * The leader's view of one follower; empty on non-leaders. {@code lag} is how many entries the
   * follower is behind the leader's last index. {@code recentActive} is true when the follower
   * answered in the current check-quorum round or the one before (so it turns false only after a
   * whole election timeout of silence).
   */
  public record FollowerStatus(
      long match, long next, String state, boolean recentActive, long lag) {}
}
