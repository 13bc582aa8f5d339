package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.AddNodeRequest;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.GetClusterStatusRequest;
import dev.raftpad.proto.v1.MemberStatus;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.ClusterCa;
import dev.raftpad.tls.KeyMaterial;
import dev.raftpad.tls.TlsMaterial;
import io.grpc.ManagedChannel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose certificate comes from another CA cannot join, even with the cluster secret and
 * trusting the cluster CA: an admin adds it, but the leader cannot replicate to it (its handshake
 * to the node fails, and the node's own calls are refused), so it never receives an entry while the
 * cluster commits on.
 */
class ForeignNodeTest {
  @TempDir Path root;
  private TestCluster cluster;
  private ServerNode foreign;

  @AfterEach
  void stop() throws Exception {
    if (foreign != null) {
      foreign.close();
    }
    cluster.close();
  }

  @Test
  void aNodeWithACertificateFromAnotherCaCannotJoin() throws Exception {
    cluster = TestCluster.start(root, 1, "");
    ManagedChannel leader = cluster.channel("n1");
    String admin = TestCluster.registerAndLogin(leader, "admin");
    ClusterCa otherCa = TestTls.foreignCa();
    foreign =
        ServerNode.start(
            ServerNode.Config.builder()
                .nodeId("n4")
                .clusterId("test-cluster")
                .secret(InProcessCluster.SECRET)
                .listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .dataDir(root.resolve("n4"))
                .addresses(cluster.fixture.addresses())
                .founders(Set.of())
                .tick(Duration.ofMillis(20))
                .bcryptCost(4)
                .tls(
                    new TlsMaterial(
                        KeyMaterial.of(otherCa.issue("n4", List.of())), TestTls.node().ca()))
                .build());

    TestCluster.withToken(ClusterServiceGrpc.newBlockingStub(leader), admin)
        .addNode(
            AddNodeRequest.newBuilder()
                .setNodeId("n4")
                .setPeerAddress("127.0.0.1:" + foreign.port())
                .build());
    var documents = TestCluster.withToken(DocumentServiceGrpc.newBlockingStub(leader), admin);
    for (int i = 0; i < 20; i++) { // committed by n1 alone, each one a round of appends to n4
      documents.createDocument(CreateDocumentRequest.newBuilder().setTitle("doc " + i).build());
    }

    MemberStatus n4 =
        TestCluster.withToken(ClusterServiceGrpc.newBlockingStub(leader), admin)
            .getClusterStatus(GetClusterStatusRequest.getDefaultInstance())
            .getStatus()
            .getMembersList()
            .stream()
            .filter(member -> member.getMember().getNodeId().equals("n4"))
            .findFirst()
            .orElseThrow();
    assertThat(n4.getMatchIndex()).as("n4 holds no entry of the cluster's log").isZero();
    assertThat(foreign.raft().status().commitIndex()).isZero();
    assertThat(foreign.raft().status().membership().isVoter("n4")).isFalse();
  }
}
