package dev.raftpad.client.sdk;

import dev.raftpad.client.sdk.internal.CallKind;
import dev.raftpad.client.sdk.internal.Connection;
import dev.raftpad.client.sdk.internal.Wire;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.proto.v1.AddNodeRequest;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.ClusterServiceGrpc.ClusterServiceBlockingStub;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.RemoveNodeRequest;
import dev.raftpad.proto.v1.TransferLeadershipRequest;
import java.util.function.Function;

/** Cluster status (any signed-in user) and membership changes (admins). */
public final class Cluster {
  private final Connection connection;

  Cluster(Connection connection) {
    this.connection = connection;
  }

  /**
   * The cluster as the leader sees it: only the leader tracks replication (match index, lag,
   * reachability), so when a follower answers, the leader it names is asked in turn. A pinned
   * client ({@link ClientOptions#pinnedToFirstSeed()}), or a cluster without a reachable leader,
   * gets the answering node's own view ({@link ClusterStatus#answeredByLeader()} says which). Also
   * refreshes this client's idea of the leader and the members.
   */
  public ClusterStatus status() {
    ClusterStatus status = statusOnce();
    if (!status.answeredByLeader()
        && status.leaderAddress().isPresent()
        && !connection.tracker().pinned()) {
      try {
        status = statusOnce(); // the tracker now points at the leader the follower named
      } catch (RaftpadException e) {
        // The leader went away meanwhile: the follower's view is still an answer.
      }
    }
    return status;
  }

  private ClusterStatus statusOnce() {
    ClusterStatus status =
        Wire.cluster(
            call(
                    CallKind.READ,
                    stub -> stub.getClusterStatus(GetClusterStatusRequest.getDefaultInstance()))
                .getStatus());
    connection
        .tracker()
        .learned(
            status.leaderAddress(),
            status.members().stream().map(MemberStatus::clientAddress).toList());
    return status;
  }

  /** Adds a node as a learner; it becomes a voter once caught up. */
  public ClusterStatus addNode(String nodeId, String address) {
    return Wire.cluster(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub ->
                    stub.addNode(
                        AddNodeRequest.newBuilder()
                            .setNodeId(nodeId)
                            .setPeerAddress(address)
                            .setClientAddress(address)
                            .build()))
            .getStatus());
  }

  public ClusterStatus removeNode(String nodeId) {
    return Wire.cluster(
        call(
                CallKind.IDEMPOTENT_WRITE,
                stub -> stub.removeNode(RemoveNodeRequest.newBuilder().setNodeId(nodeId).build()))
            .getStatus());
  }

  /**
   * Hands leadership to {@code targetNodeId} (empty = the most up-to-date voter).
   *
   * @return the new leader's id
   */
  public String transferLeadership(String targetNodeId) {
    // READ, not a write: it is idempotent, and the node that answers is no longer the leader.
    return call(
            CallKind.READ,
            stub ->
                stub.transferLeadership(
                    TransferLeadershipRequest.newBuilder().setTargetNodeId(targetNodeId).build()))
        .getNewLeaderId();
  }

  private <T> T call(CallKind kind, Function<ClusterServiceBlockingStub, T> rpc) {
    return connection.call(
        kind,
        a -> rpc.apply(ClusterServiceGrpc.newBlockingStub(a.channel()).withDeadline(a.deadline())));
  }
}
