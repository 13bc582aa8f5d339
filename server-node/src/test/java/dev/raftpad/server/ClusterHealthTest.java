package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.ClusterStatus;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.TransferLeadershipRequest;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.testkit.Await;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health figures of GetClusterStatus on a real three-node cluster: the answering node's fsync
 * p99 over its real fsyncs, and its view of elections and of how long the leader has led.
 */
class ClusterHealthTest {
  @TempDir Path root;
  private TestCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private ClusterStatus statusAt(String node, String token) {
    return withToken(ClusterServiceGrpc.newBlockingStub(cluster.channel(node)), token)
        .getClusterStatus(GetClusterStatusRequest.getDefaultInstance())
        .getStatus();
  }

  @Test
  void theAnsweringNodeReportsItsFsyncsElectionsAndTheLeadersUptime() {
    String leader = cluster.leaderId();
    String admin = registerAndLogin(cluster.channel(leader), "ada");

    // The leadership is sampled every 100 ms: the first look may come before the first sample.
    Await.until(
        "the leader has sampled its own leadership",
        () -> statusAt(leader, admin).hasLeaderUptime());
    ClusterStatus before = statusAt(leader, admin);
    assertThat(before.getFsyncs()).isPositive(); // the registration was fsynced, at least
    assertThat(before.getFsyncP99Millis()).isPositive();
    // In its first minute the window covers the node's whole life: the same fsyncs, give or take
    // those made between the two reads.
    assertThat(before.getFsyncsLastMinute()).isPositive().isLessThanOrEqualTo(before.getFsyncs());
    assertThat(before.getFsyncP99MillisLastMinute()).isPositive();
    assertThat(before.hasLeaderUptime()).isTrue();

    String target = cluster.aFollowerId();
    var unused =
        withToken(ClusterServiceGrpc.newBlockingStub(cluster.channel(leader)), admin)
            .transferLeadership(
                TransferLeadershipRequest.newBuilder().setTargetNodeId(target).build());
    Await.until(
        target + " leads and has noticed its election",
        () ->
            cluster.fixture.node(target).raft().status().role() == RoleName.LEADER
                && statusAt(target, admin).hasLastElectionAt()
                && statusAt(target, admin).hasLeaderUptime());
    ClusterStatus after = statusAt(target, admin);
    assertThat(after.getLeaderId()).isEqualTo(target);
    assertThat(after.getTerm()).isGreaterThan(before.getTerm());
  }
}
