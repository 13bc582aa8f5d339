package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.LoginResponse;
import dev.raftpad.server.api.LoginThrottle;
import dev.raftpad.server.api.Statuses;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code raftpad login} against a server that throttles sign-ins (its answer built by the server's
 * own status mapper): one clear line with the wait, the not-signed-in exit code, and one call only
 * — the CLI does not retry a throttled login.
 */
class ThrottledLoginTest {
  @TempDir Path home;

  @Test
  void aThrottledLoginIsOneLineWithTheWaitAndIsNotRetried() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
            .addService(
                new AccountServiceGrpc.AccountServiceImplBase() {
                  @Override
                  public void login(LoginRequest request, StreamObserver<LoginResponse> response) {
                    calls.incrementAndGet();
                    response.onError(
                        Statuses.loginThrottled(
                            LoginThrottle.Scope.ACCOUNT, Duration.ofMillis(7_200)));
                  }
                })
            .build()
            .start();
    try {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();

      int exit =
          RaftpadCli.run(
              new String[] {
                "--insecure", // the fake server is plaintext
                "--servers",
                "127.0.0.1:" + server.getPort(),
                "--home",
                home.toString(),
                "login",
                "ada",
                "--password-stdin"
              },
              new BufferedReader(new StringReader("guess-number-seven\n")),
              new PrintWriter(out, true),
              new PrintWriter(err, true),
              new Invocation("raftpad", List.of("false")));

      assertThat(exit).isEqualTo(ExitCodes.NOT_SIGNED_IN);
      assertThat(err.toString().strip())
          .isEqualTo("raftpad: too many failed sign-ins; try again in 8 s");
      assertThat(calls).hasValue(1);
    } finally {
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
