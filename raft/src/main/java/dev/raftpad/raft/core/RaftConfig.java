package dev.raftpad.raft.core;

/**
 * Tunables of one Raft node. Times are in ticks; the runtime decides how long a tick is.
 *
 * @param electionTicks a follower that hears nothing for a random time in [electionTicks,
 *     2*electionTicks) starts an election; must be well above heartbeatTicks
 * @param heartbeatTicks a leader sends heartbeats this often
 * @param maxBytesPerAppend batching: entries per AppendEntries are cut at this size (at least one
 *     entry is always sent)
 * @param maxInflightAppends flow control: appends in flight to one follower
 * @param maxInflightBytes flow control: bytes of entries in flight to one follower
 * @param preVote run a pre-vote round before a real election (thesis §9.6)
 * @param checkQuorum a leader that has not heard from a quorum for an election timeout steps down;
 *     followers that heard from a leader recently refuse to vote (leader lease)
 * @param leaseReads serve ReadIndex from the leader lease without a heartbeat round; only safe with
 *     bounded clock drift, hence off by default
 */
public record RaftConfig(
    int electionTicks,
    int heartbeatTicks,
    int maxBytesPerAppend,
    int maxInflightAppends,
    long maxInflightBytes,
    boolean preVote,
    boolean checkQuorum,
    boolean leaseReads) {

  public RaftConfig {
    if (heartbeatTicks < 1 || electionTicks <= heartbeatTicks) {
      throw new IllegalArgumentException("need 1 <= heartbeatTicks < electionTicks");
    }
    if (maxBytesPerAppend < 1 || maxInflightAppends < 1 || maxInflightBytes < 1) {
      throw new IllegalArgumentException("flow-control limits must be positive");
    }
    if (leaseReads && !checkQuorum) {
      throw new IllegalArgumentException("lease reads need checkQuorum");
    }
  }

  /** Defaults for a cluster on one network: 10-tick elections, 1-tick heartbeats. */
  public static RaftConfig defaults() {
    return new RaftConfig(10, 1, 1024 * 1024, 256, 32L * 1024 * 1024, true, true, false);
  }

  public RaftConfig withPreVote(boolean enabled) {
    return new RaftConfig(
        electionTicks,
        heartbeatTicks,
        maxBytesPerAppend,
        maxInflightAppends,
        maxInflightBytes,
        enabled,
        checkQuorum,
        leaseReads);
  }

  public RaftConfig withCheckQuorum(boolean enabled) {
    return new RaftConfig(
        electionTicks,
        heartbeatTicks,
        maxBytesPerAppend,
        maxInflightAppends,
        maxInflightBytes,
        preVote,
        enabled,
        leaseReads && enabled);
  }

  public RaftConfig withFlowControl(int bytesPerAppend, int inflightAppends, long inflightBytes) {
    return new RaftConfig(
        electionTicks,
        heartbeatTicks,
        bytesPerAppend,
        inflightAppends,
        inflightBytes,
        preVote,
        checkQuorum,
        leaseReads);
  }

  public RaftConfig withLeaseReads(boolean enabled) {
    return new RaftConfig(
        electionTicks,
        heartbeatTicks,
        maxBytesPerAppend,
        maxInflightAppends,
        maxInflightBytes,
        preVote,
        checkQuorum,
        enabled);
  }
}
