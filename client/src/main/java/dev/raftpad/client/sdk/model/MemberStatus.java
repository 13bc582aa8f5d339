package dev.raftpad.client.sdk.model;

/**
 * One member of the cluster.
 *
 * @param clientAddress host:port of its client API
 * @param voter false for a learner
 * @param matchIndex the leader's view; 0 when unknown
 * @param lag the leader's last index minus matchIndex
 * @param reachable the leader heard from it within an election timeout
 */
public record MemberStatus(
    String nodeId,
    String clientAddress,
    boolean voter,
    NodeRole role,
    long matchIndex,
    long lag,
    boolean reachable) {}
