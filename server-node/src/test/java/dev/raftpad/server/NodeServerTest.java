package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node's server over real gRPC on loopback. */
class NodeServerTest {
  // What is served is under test here, not TLS (TlsTest).
  private static final io.grpc.ServerCredentials PLAINTEXT =
      io.grpc.InsecureServerCredentials.create();

  @Test
  void healthTurnsServingWhenTheNodeIsReady() throws Exception {
    try (NodeServer server =
        NodeServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), PLAINTEXT, List.of())) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        var health = HealthGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS);
        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(ServingStatus.NOT_SERVING);

        server.ready();

        assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
            .isEqualTo(ServingStatus.SERVING);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void reflectionListsTheServicesWhenTurnedOn() throws Exception {
    try (NodeServer server =
        NodeServer.start(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            PLAINTEXT,
            List.of(),
            true)) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        java.util.concurrent.CompletableFuture<ServerReflectionResponse> answer =
            new java.util.concurrent.CompletableFuture<>();
        var requests =
            ServerReflectionGrpc.newStub(channel)
                .serverReflectionInfo(
                    new io.grpc.stub.StreamObserver<>() {
                      @Override
                      public void onNext(ServerReflectionResponse response) {
                        answer.complete(response);
                      }

                      @Override
                      public void onError(Throwable t) {
                        answer.completeExceptionally(t);
                      }

                      @Override
                      public void onCompleted() {}
                    });
        requests.onNext(ServerReflectionRequest.newBuilder().setListServices("*").build());

        assertThat(answer.get(10, TimeUnit.SECONDS).getListServicesResponse().getServiceList())
            .extracting(service -> service.getName())
            .contains("grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection");
        requests.onCompleted();
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void addressesAreParsedStrictly() {
    assertThat(HostPort.parse("127.0.0.1:7001").getPort()).isEqualTo(7001);
    assertThat(HostPort.parse("[::1]:7001").getHostString()).isEqualTo("::1");
    assertThatThrownBy(() -> HostPort.parse("localhost")).hasMessageContaining("host:port");
    assertThatThrownBy(() -> HostPort.parse("localhost:http")).hasMessageContaining("not a number");
    assertThatThrownBy(() -> HostPort.parse("localhost:70000")).hasMessageContaining("0-65535");
  }
}
