package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.raft.core.Message;
import dev.raftpad.server.raft.ClusterSecret;
import dev.raftpad.server.raft.GrpcTransport;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.ClusterCa;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.KeyMaterial;
import dev.raftpad.tls.TlsMaterial;
import dev.raftpad.tls.TrustedCa;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replacing the cluster CA without downtime, as the operator guide's three rolling restarts say:
 * every node trusts the old and the new CA; every node gets a certificate from the new CA; the old
 * CA is dropped. The cluster commits writes after every single restart, and at the end a peer with
 * a certificate from the old CA is refused.
 */
class CaRotationTest {
  @TempDir Path root;
  private TestCluster cluster;
  private final List<ManagedChannel> channels = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    channels.forEach(ManagedChannel::shutdownNow);
    cluster.close();
  }

  @Test
  void theCaIsReplacedByThreeRollingRestartsAndTheClusterCommitsThroughout() throws Exception {
    cluster = TestCluster.start(root, 3, "");
    InProcessCluster fixture = cluster.fixture;
    ClusterCa oldCa = TestTls.ca();
    ClusterCa newCa = ClusterCa.create("Raftpad replacement CA");
    TrustedCa both = TrustedCa.of(List.of(oldCa.certificate(), newCa.certificate()));
    TrustedCa onlyNew = TrustedCa.of(List.of(newCa.certificate()));
    String token = TestCluster.registerAndLogin(channel(fixture.leaderId(), both), "admin");
    int[] writes = {0};

    // 1. Trust both CAs, still showing the old certificate.
    for (String id : fixture.ids()) {
      fixture.useTls(id, new TlsMaterial(TestTls.node().key(), both));
      restart(fixture, id, both, token, writes);
    }
    // 2. Certificates from the new CA.
    List<KeyMaterial> renewed = new ArrayList<>();
    for (String id : fixture.ids()) {
      KeyMaterial key = KeyMaterial.of(newCa.issue(id, List.of()));
      renewed.add(key);
      fixture.useTls(id, new TlsMaterial(key, both));
      restart(fixture, id, both, token, writes);
    }
    // 3. Drop the old CA.
    for (int i = 0; i < fixture.ids().size(); i++) {
      String id = fixture.ids().get(i);
      fixture.useTls(id, new TlsMaterial(renewed.get(i), onlyNew));
      restart(fixture, id, onlyNew, token, writes);
    }
    assertThat(writes[0]).isEqualTo(9);

    // A peer that still has a certificate from the old CA (and the secret) is refused now.
    String leader = fixture.leaderId();
    long term = fixture.node(leader).raft().status().term();
    List<String> refused = new CopyOnWriteArrayList<>();
    try (GrpcTransport outsider =
        new GrpcTransport(
            "test-cluster",
            new ClusterSecret(InProcessCluster.SECRET),
            GrpcTls.peerClient(new TlsMaterial(TestTls.node().key(), onlyNew)),
            fixture::address,
            new GrpcTransport.Feedback() {
              @Override
              public void reportUnreachable(String peer) {
                refused.add(peer);
              }

              @Override
              public void reportSnapshot(String peer, boolean delivered) {}

              @Override
              public void reportConnectionLost(String peer) {
                refused.add(peer);
              }

              @Override
              public Set<String> peers() {
                return Set.of();
              }
            })) {
      outsider.send(
          new Message.VoteRequest("n9", leader, term + 100, 1_000_000, term + 100, false, true));
      Await.until("the old certificate is refused", () -> refused.contains(leader));
    }
    assertThat(fixture.node(leader).raft().status().term()).isLessThan(term + 100);
  }

  /** Restarts node {@code id}, then waits until a write commits and the node has applied it. */
  private void restart(
      InProcessCluster fixture, String id, TrustedCa trust, String token, int[] writes)
      throws Exception {
    fixture.stopNode(id);
    fixture.startNode(id);
    String leader = fixture.leaderId();
    var documents =
        TestCluster.withToken(DocumentServiceGrpc.newBlockingStub(channel(leader, trust)), token);
    documents.createDocument(
        CreateDocumentRequest.newBuilder().setTitle("after restarting " + id).build());
    writes[0]++;
    long committed = fixture.node(leader).raft().status().commitIndex();
    Await.until(
        id + " catches up", () -> fixture.node(id).raft().status().appliedIndex() >= committed);
  }

  private ManagedChannel channel(String id, TrustedCa trust) {
    String[] hostPort = fixture().address(id).split(":", -1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(
                hostPort[0], Integer.parseInt(hostPort[1]), GrpcTls.client(trust))
            .build();
    channels.add(channel);
    return channel;
  }

  private InProcessCluster fixture() {
    return cluster.fixture;
  }
}
