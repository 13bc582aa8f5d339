package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Server;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code raftpad ping} against a real gRPC health service on loopback. */
class PingCommandTest {

  @Test
  void reportsEachServerAndFailsWhenOneIsUnreachable() throws Exception {
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.SERVING);
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(health.getHealthService())
            .build()
            .start();
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int exit =
          RaftpadCli.run(
              new String[] {
                "ping",
                "--insecure", // the fake server is plaintext
                "--servers",
                "127.0.0.1:" + server.getPort() + ",127.0.0.1:" + closedPort
              },
              new PrintWriter(out, true),
              new PrintWriter(err, true));

      assertThat(exit).isEqualTo(RaftpadCli.EXIT_UNREACHABLE);
      assertThat(out.toString())
          .contains("127.0.0.1:" + server.getPort() + " SERVING")
          .contains("127.0.0.1:" + closedPort + " UNREACHABLE (UNAVAILABLE)");
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void aBadServerListIsOneClearLineAndTheUsageExitCode() {
    StringWriter err = new StringWriter();
    int exit =
        RaftpadCli.run(
            new String[] {"ping", "--servers", "nonsense"},
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true));
    assertThat(exit).isEqualTo(ExitCodes.USAGE);
    assertThat(err.toString().strip())
        .isEqualTo("raftpad: expected host:port but got 'nonsense'")
        .doesNotContain("Exception");
  }
}
