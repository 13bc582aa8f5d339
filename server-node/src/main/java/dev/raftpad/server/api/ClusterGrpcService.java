package dev.raftpad.server.api;

import dev.raftpad.proto.v1.BackupChunk;
import dev.raftpad.proto.v1.BackupRequest;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.ClusterStatus;
import dev.raftpad.proto.v1.ErrorReason;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.GetClusterStatusResponse;
import dev.raftpad.proto.v1.Member;
import dev.raftpad.proto.v1.MemberRole;
import dev.raftpad.proto.v1.MemberStatus;
import dev.raftpad.proto.v1.NodeRole;
import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.TransferLeadershipRequest;
import dev.raftpad.proto.v1.TransferLeadershipResponse;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.Status;
import dev.raftpad.raft.runtime.RaftException;
import dev.raftpad.raft.runtime.RaftServer;
import dev.raftpad.server.backup.BackupSource;
import dev.raftpad.server.backup.BackupStream;
import dev.raftpad.server.state.CommandResult;
import dev.raftpad.server.state.Commands;
import dev.raftpad.server.state.SessionIndex;
import dev.raftpad.server.status.NodeHealth;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Cluster administration. Status is open to every signed-in user (it is the answering node's view);
 * changing the cluster and taking a backup need an admin.
 */
public final class ClusterGrpcService extends ClusterServiceGrpc.ClusterServiceImplBase {
  private final Replicator replicator;
  private final RaftServer<CommandResult<?>> raft;
  private final Map<String, String> addresses;
  private final BackupSource backups;
  private final NodeHealth health;

  public ClusterGrpcService(
      Replicator replicator,
      RaftServer<CommandResult<?>> raft,
      Map<String, String> addresses,
      BackupSource backups,
      NodeHealth health) {
    this.replicator = replicator;
    this.raft = raft;
    this.addresses = addresses;
    this.backups = backups;
    this.health = health;
  }

  /**
   * Streams a backup: once the caller is known to be an admin, a linearizable read captures the
   * state on the Raft loop (every write acknowledged before this call is in it), and {@link
   * BackupStream} encodes and sends it on a thread of its own.
   */
  @Override
  @SuppressWarnings("FutureReturnValueIgnored") // the callback finishes the call either way
  public void backup(BackupRequest request, StreamObserver<BackupChunk> response) {
    SessionIndex.Session session = Caller.session();
    BackupStream stream = new BackupStream((ServerCallStreamObserver<BackupChunk>) response);
    requireAdmin(session)
        .thenCompose(admin -> backups.capture())
        .whenComplete(
            (capture, failure) -> {
              if (failure != null) {
                var status = Statuses.of(failure, replicator::notLeader);
                replicator.senders().execute(() -> response.onError(status));
              } else {
                stream.sendInBackground(capture);
              }
            });
  }

  @Override
  public void getClusterStatus(
      GetClusterStatusRequest request, StreamObserver<GetClusterStatusResponse> response) {
    Caller.session();
    response.onNext(GetClusterStatusResponse.newBuilder().setStatus(status()).build());
    response.onCompleted();
  }

  ClusterStatus status() {
    Status status = raft.status();
    ClusterStatus.Builder cluster =
        ClusterStatus.newBuilder()
            .setClusterId(raft.clusterId())
            .setAnsweringNodeId(status.id())
            .setTerm(status.term())
            .setCommitIndex(status.commitIndex())
            .setAppliedIndex(status.appliedIndex())
            .setSnapshotIndex(status.snapshotIndex());
    if (status.leaderId() != null) {
      cluster.setLeaderId(status.leaderId());
    }
    for (String id : status.membership().all()) {
      boolean voter = status.membership().isVoter(id);
      MemberStatus.Builder member =
          MemberStatus.newBuilder()
              .setMember(
                  Member.newBuilder()
                      .setNodeId(id)
                      .setClientAddress(addresses.getOrDefault(id, ""))
                      .setRole(
                          voter ? MemberRole.MEMBER_ROLE_VOTER : MemberRole.MEMBER_ROLE_LEARNER))
              .setRole(roleOf(id, status, voter));
      Status.FollowerStatus follower = status.followers().get(id);
      if (follower != null) {
        member
            .setMatchIndex(follower.match())
            .setLag(follower.lag())
            .setReachable(follower.recentActive());
      }
      cluster.addMembers(member);
    }
    health.writeTo(cluster);
    return cluster.build();
  }

  private static NodeRole roleOf(String id, Status status, boolean voter) {
    if (id.equals(status.id())) {
      return switch (status.role()) {
        case LEADER -> NodeRole.NODE_ROLE_LEADER;
        case CANDIDATE -> NodeRole.NODE_ROLE_CANDIDATE;
        case PRE_CANDIDATE -> NodeRole.NODE_ROLE_PRE_CANDIDATE;
        case LEARNER -> NodeRole.NODE_ROLE_LEARNER;
        case FOLLOWER -> NodeRole.NODE_ROLE_FOLLOWER;
      };
    }
    if (id.equals(status.leaderId())) {
      return NodeRole.NODE_ROLE_LEADER;
    }
    return voter ? NodeRole.NODE_ROLE_FOLLOWER : NodeRole.NODE_ROLE_LEARNER;
  }

  @Override
  public void transferLeadership(
      TransferLeadershipRequest request, StreamObserver<TransferLeadershipResponse> response) {
    SessionIndex.Session session = Caller.session();
    CompletableFuture<TransferLeadershipResponse> result =
        requireAdmin(session)
            .thenCompose(
                admin -> {
                  Status status = raft.status();
                  if (status.role() != RoleName.LEADER) {
                    throw new RaftException(
                        RaftException.Kind.NOT_LEADER, status.leaderId(), "not the leader");
                  }
                  String target =
                      request.getTargetNodeId().isEmpty()
                          ? status.mostUpToDateOtherVoter().orElse("")
                          : request.getTargetNodeId();
                  return raft.transferLeadership(target)
                      .thenCompose(
                          started -> {
                            if (!started) {
                              throw Statuses.refused(
                                  new CommandResult.Refused<>(
                                      ErrorReason.ERROR_REASON_UNKNOWN_NODE,
                                      "'" + target + "' is not another voter of this cluster",
                                      Map.of("node_id", target)));
                            }
                            return LeadershipHandover.follow(raft, target);
                          })
                      .thenApply(outcome -> answer(target, outcome));
                });
    Replies.from(result, response, replicator);
  }

  /** The new leader once the target leads; DEADLINE_EXCEEDED, naming who leads, if it did not. */
  private static TransferLeadershipResponse answer(
      String target, LeadershipHandover.Outcome outcome) {
    return switch (outcome) {
      case LeadershipHandover.Outcome.Done done ->
          TransferLeadershipResponse.newBuilder().setNewLeaderId(done.leader()).build();
      case LeadershipHandover.Outcome.TimedOut timedOut ->
          throw io.grpc.Status.DEADLINE_EXCEEDED
              .withDescription(
                  "'"
                      + target
                      + "' did not take the leadership within "
                      + LeadershipHandover.WAIT.toSeconds()
                      + " s (it may be down or far behind); "
                      + (timedOut.leader() == null
                          ? "no leader is known right now"
                          : "'" + timedOut.leader() + "' leads")
                      + ". Retry once it has caught up.")
              .asRuntimeException();
    };
  }

  @Override
  public void addNode(
      dev.raftpad.proto.v1.AddNodeRequest request,
      StreamObserver<dev.raftpad.proto.v1.AddNodeResponse> response) {
    SessionIndex.Session session = Caller.session();
    String nodeId = request.getNodeId();
    String address =
        request.getPeerAddress().isEmpty() ? request.getClientAddress() : request.getPeerAddress();
    try {
      new dev.raftpad.raft.storage.NodeIdentity(nodeId, "validation");
      dev.raftpad.server.HostPort.parse(address);
    } catch (IllegalArgumentException e) {
      response.onError(
          Statuses.invalid(
              new dev.raftpad.codec.InvalidInputException("node_id/peer_address", e.getMessage())));
      return;
    }
    // A present member is refused before anything is proposed: writing its address into the
    // replicated book would cut it off even though the membership change is then refused. The
    // same address again is the documented no-op.
    // Then the address book (replicated, so every node can reach the newcomer), then the node
    // joins as a learner; the leader promotes it to voter once it has caught up.
    CompletableFuture<dev.raftpad.proto.v1.AddNodeResponse> result =
        requireAdmin(session)
            .thenCompose(admin -> refuseIfPresentElsewhere(nodeId, address))
            .thenCompose(
                present ->
                    present
                        ? CompletableFuture.completedFuture(
                            dev.raftpad.proto.v1.AddNodeResponse.newBuilder()
                                .setStatus(status())
                                .build())
                        : register(nodeId, address));
    Replies.from(result, response, replicator);
  }

  /**
   * True when {@code nodeId} is already a member at {@code address} (nothing to do); fails with
   * ALREADY_EXISTS (MEMBER_EXISTS) when it is a member at another address; false otherwise. Asked
   * of this node's Raft view, which is the leader's when the proposal that follows can succeed.
   */
  private CompletableFuture<Boolean> refuseIfPresentElsewhere(String nodeId, String address) {
    if (!raft.status().membership().contains(nodeId)) {
      return CompletableFuture.completedFuture(false);
    }
    String known = addresses.getOrDefault(nodeId, "");
    if (known.equals(address)) {
      return CompletableFuture.completedFuture(true);
    }
    return CompletableFuture.failedFuture(
        Statuses.refused(
            new CommandResult.Refused<>(
                ErrorReason.ERROR_REASON_MEMBER_EXISTS,
                nodeId + " is already a member at " + known + "; remove it first to move it",
                Map.of("address", known))));
  }

  private CompletableFuture<dev.raftpad.proto.v1.AddNodeResponse> register(
      String nodeId, String address) {
    return replicator
        .propose(
            Commands.registerMember(
                RegisterMemberCommand.newBuilder().setNodeId(nodeId).setAddress(address)))
        .thenCompose(
            registered ->
                raft.changeMembership(
                    new dev.raftpad.raft.core.ConfigChange.AddLearner(nodeId, address)))
        .thenApply(
            done -> dev.raftpad.proto.v1.AddNodeResponse.newBuilder().setStatus(status()).build());
  }

  @Override
  public void removeNode(
      dev.raftpad.proto.v1.RemoveNodeRequest request,
      StreamObserver<dev.raftpad.proto.v1.RemoveNodeResponse> response) {
    SessionIndex.Session session = Caller.session();
    CompletableFuture<dev.raftpad.proto.v1.RemoveNodeResponse> result =
        requireAdmin(session)
            .thenCompose(
                admin ->
                    raft.changeMembership(
                        new dev.raftpad.raft.core.ConfigChange.RemoveNode(request.getNodeId(), "")))
            .thenApply(
                done ->
                    dev.raftpad.proto.v1.RemoveNodeResponse.newBuilder()
                        .setStatus(status())
                        .build());
    Replies.from(result, response, replicator);
  }

  private CompletableFuture<Boolean> requireAdmin(SessionIndex.Session session) {
    return replicator
        .read(state -> state.user(session.userId()))
        .thenApply(
            user -> {
              if (user == null || !user.getAdmin()) {
                throw Statuses.refused(
                    new CommandResult.Refused<>(
                        ErrorReason.ERROR_REASON_PERMISSION_DENIED,
                        "cluster administration needs an admin account",
                        Map.of()));
              }
              return true;
            });
  }
}
