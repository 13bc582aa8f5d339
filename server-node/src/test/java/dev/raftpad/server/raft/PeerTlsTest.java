package dev.raftpad.server.raft;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.PeerMessage;
import dev.raftpad.raft.core.Message;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.ClusterCa;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.KeyMaterial;
import dev.raftpad.tls.TlsMaterial;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The peer API needs both factors: a certificate from the cluster CA and the cluster secret. A
 * message that would disrupt the cluster (a vote request of a far higher term: the leader would
 * step down) is sent by outsiders that hold one factor but not the other; the term stays put.
 */
class PeerTlsTest {
  private static final long DISRUPTIVE_TERM = 1_000;

  @TempDir static Path root;
  static InProcessCluster cluster;
  static String leader;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(InProcessCluster.settings(root));
    leader = cluster.leaderId();
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aPeerWithTheSecretButACertificateFromAnotherCaCannotDeliver() {
    ClusterCa stranger = TestTls.foreignCa();
    TlsMaterial impostor =
        new TlsMaterial(KeyMaterial.of(stranger.issue("n9", List.of())), TestTls.node().ca());
    RecordingFeedback feedback = new RecordingFeedback();
    try (GrpcTransport transport =
        new GrpcTransport(
            "test-cluster",
            new ClusterSecret(InProcessCluster.SECRET),
            GrpcTls.peerClient(impostor),
            cluster::address,
            feedback)) {
      transport.send(voteRequest());
      Await.until("the impostor's stream fails", () -> feedback.unreachable.contains(leader));
    }
    assertThat(cluster.node(leader).raft().status().term()).isLessThan(DISRUPTIVE_TERM);
  }

  @Test
  void aPeerCallWithTheSecretButNoCertificateIsUnauthenticated() throws Exception {
    Throwable error =
        deliver(
            GrpcTls.client(TestTls.trustedCa()),
            PeerMessages.toWire("test-cluster", voteRequest()));
    assertThat(error).isInstanceOf(StatusRuntimeException.class);
    Status status = ((StatusRuntimeException) error).getStatus();
    assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(status.getDescription()).contains("certificate from the cluster CA");
    assertThat(cluster.node(leader).raft().status().term()).isLessThan(DISRUPTIVE_TERM);
  }

  @Test
  void aPeerWithAClusterCertificateButNoSecretIsUnauthenticated() throws Exception {
    Throwable error =
        deliver(
            GrpcTls.peerClient(TestTls.node()),
            PeerMessages.toWire("test-cluster", voteRequest()),
            false);
    assertThat(((StatusRuntimeException) error).getStatus().getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(cluster.node(leader).raft().status().term()).isLessThan(DISRUPTIVE_TERM);
  }

  private static Message voteRequest() {
    return new Message.VoteRequest(
        "n9", leader, DISRUPTIVE_TERM, 1_000_000, DISRUPTIVE_TERM, false, true);
  }

  private static Throwable deliver(ChannelCredentials credentials, PeerMessage message)
      throws Exception {
    return deliver(credentials, message, true);
  }

  private static Throwable deliver(
      ChannelCredentials credentials, PeerMessage message, boolean withSecret) throws Exception {
    String[] hostPort = cluster.address(leader).split(":", -1);
    var builder =
        NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]), credentials);
    if (withSecret) {
      builder.intercept(new ClusterSecret(InProcessCluster.SECRET).clientInterceptor());
    }
    ManagedChannel channel = builder.build();
    try {
      return PeerCalls.deliver(channel, message);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static final class RecordingFeedback implements GrpcTransport.Feedback {
    final List<String> unreachable = new CopyOnWriteArrayList<>();

    @Override
    public void reportUnreachable(String peer) {
      unreachable.add(peer);
    }

    @Override
    public void reportSnapshot(String peer, boolean delivered) {}

    @Override
    public void reportConnectionLost(String peer) {
      unreachable.add(peer);
    }

    @Override
    public Set<String> peers() {
      return Set.of();
    }
  }
}
