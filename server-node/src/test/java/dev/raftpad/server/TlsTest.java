package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.ClusterCa;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.KeyMaterial;
import dev.raftpad.tls.TlsMaterial;
import dev.raftpad.tls.TrustedCa;
import io.grpc.ChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client API over TLS, on a real cluster with real certificates: a client that trusts the
 * cluster CA works with or without a certificate of its own; a plaintext client and a client
 * trusting another CA are refused by the handshake.
 */
class TlsTest {
  @TempDir static Path root;
  static TestCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(root, 1, "");
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void aClientTrustingTheClusterCaIsServed() {
    assertThat(TestCluster.registerAndLogin(cluster.channel("n1"), "ada")).isNotEmpty();
  }

  @Test
  void aClientShowingACertificateFromTheClusterCaIsServedToo() {
    assertThat(register(GrpcTls.peerClient(TestTls.node()), "bea")).isNull();
  }

  @Test
  void aPlaintextClientIsRefused() {
    StatusRuntimeException refused = register(GrpcTls.insecureClient(), "cid");
    assertThat(refused).isNotNull();
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  @Test
  void aClientTrustingAnotherCaIsRefused() {
    ClusterCa stranger = TestTls.foreignCa();
    StatusRuntimeException refused =
        register(GrpcTls.client(TrustedCa.of(List.of(stranger.certificate()))), "dee");
    assertThat(refused).isNotNull();
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
  }

  // The client API needs no client certificate, so one from another CA is no better and no worse
  // than none (the peer API refuses it: PeerTlsTest).
  @Test
  void theClientApiIgnoresAClientCertificateFromAnotherCa() {
    ClusterCa otherCa = TestTls.foreignCa();
    TlsMaterial stranger =
        new TlsMaterial(KeyMaterial.of(otherCa.issue("n9", List.of())), TestTls.node().ca());
    assertThat(register(GrpcTls.peerClient(stranger), "eve")).isNull();
  }

  /** Registers {@code name} over a channel with these credentials: null, or how it failed. */
  private static StatusRuntimeException register(ChannelCredentials credentials, String name) {
    String[] hostPort = cluster.fixture.address("n1").split(":", -1);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(hostPort[0], Integer.parseInt(hostPort[1]), credentials)
            .build();
    try {
      return catchThrowableOfType(
          StatusRuntimeException.class,
          () ->
              AccountServiceGrpc.newBlockingStub(channel)
                  .withDeadlineAfter(10, TimeUnit.SECONDS)
                  .register(
                      RegisterRequest.newBuilder()
                          .setUsername(name)
                          .setPassword("password-" + name)
                          .build()));
    } finally {
      channel.shutdownNow();
    }
  }
}
