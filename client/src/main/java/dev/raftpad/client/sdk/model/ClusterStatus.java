package dev.raftpad.client.sdk.model;

import java.util.List;
import java.util.Optional;

/** The cluster as one node sees it. */
public record ClusterStatus(
    String clusterId,
    String answeringNodeId,
    Optional<String> leaderId,
    long term,
    long commitIndex,
    long appliedIndex,
    long snapshotIndex,
    List<MemberStatus> members) {

  public ClusterStatus {
    members = List.copyOf(members);
  }

  /**
   * Whether the leader answered: only its view has each member's match index, lag and reachability;
   * a follower's has zeros there.
   */
  public boolean answeredByLeader() {
    return leaderId.map(answeringNodeId::equals).orElse(false);
  }

  /** The leader's client address, if a leader is known and listed. */
  public Optional<String> leaderAddress() {
    return leaderId.flatMap(
        id ->
            members.stream()
                .filter(m -> m.nodeId().equals(id) && !m.clientAddress().isEmpty())
                .map(MemberStatus::clientAddress)
                .findFirst());
  }
}
