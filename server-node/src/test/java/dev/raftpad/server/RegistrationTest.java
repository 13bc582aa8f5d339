package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.RegisterRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster started with registration closed: the first account, then only admins add more. */
class RegistrationTest {
  @TempDir Path root;

  @Test
  void withRegistrationClosedOnlyTheFirstAccountAndAdminsMayRegister() throws Exception {
    try (TestCluster cluster = TestCluster.start(root, 1, "", false)) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada"); // the first: becomes the admin
      var anonymous =
          AccountServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);

      StatusRuntimeException closed =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  anonymous.register(
                      RegisterRequest.newBuilder()
                          .setUsername("mallory")
                          .setPassword("let-me-in-please")
                          .build()));
      assertThat(closed.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(detail(closed, ErrorInfo.class).getReason()).isEqualTo("REGISTRATION_CLOSED");

      var byAdmin =
          withToken(AccountServiceGrpc.newBlockingStub(channel), ada)
              .register(
                  RegisterRequest.newBuilder()
                      .setUsername("grace")
                      .setPassword("hopper-1906-cobol")
                      .build());
      assertThat(byAdmin.getUser().getUsername()).isEqualTo("grace");
      assertThat(byAdmin.getUser().getAdmin()).isFalse();
    }
  }
}
