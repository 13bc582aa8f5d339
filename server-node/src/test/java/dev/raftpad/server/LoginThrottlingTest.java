package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.AccountServiceGrpc.AccountServiceBlockingStub;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.LoginResponse;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.server.testing.InProcessCluster;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-in throttling over real gRPC (issue 16, defect 8): the nodes' throttle runs on a clock the
 * test advances, so nothing sleeps and nothing is timed. The per-address dimension is exercised in
 * {@code api.LoginThrottleTest}: here every client is 127.0.0.1, well inside its free allowance.
 */
class LoginThrottlingTest {
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path root;
  private final AtomicLong clock = new AtomicLong();
  private TestCluster cluster;
  private AccountServiceBlockingStub leader;

  @BeforeEach
  void start() throws Exception {
    cluster =
        TestCluster.start(
            InProcessCluster.settings(root).withSize(3).withThrottleClock(clock::get));
    leader = AccountServiceGrpc.newBlockingStub(cluster.channel(cluster.leaderId()));
    for (String name : new String[] {"ada", "bob"}) {
      stub().register(RegisterRequest.newBuilder().setUsername(name).setPassword(PASSWORD).build());
    }
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void afterSixWrongPasswordsEvenTheRightOneWaitsUntilTheDelayHasPassed() throws Exception {
    for (int i = 0; i < 6; i++) {
      StatusRuntimeException wrong = refused("ada", "wrong password " + i);
      assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(detail(wrong, ErrorInfo.class).getReason()).isEqualTo("BAD_CREDENTIALS");
    }

    StatusRuntimeException throttled = refused("ada", PASSWORD);
    assertThat(throttled).as("the right password, after six wrong ones, must wait").isNotNull();
    assertThat(throttled.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(throttled.getStatus().getDescription())
        .isEqualTo("too many failed sign-ins; try again in 1 s");
    ErrorInfo info = detail(throttled, ErrorInfo.class);
    assertThat(info.getReason()).isEqualTo("LOGIN_THROTTLED");
    assertThat(info.getDomain()).isEqualTo("raftpad.dev");
    assertThat(info.getMetadataMap()).containsEntry("scope", "account");
    assertThat(detail(throttled, RetryInfo.class).getRetryDelay().getSeconds()).isEqualTo(1);

    // Another account is not held up by ada's.
    assertThat(login("bob", PASSWORD).getToken()).isNotEmpty();

    clock.addAndGet(TimeUnit.SECONDS.toNanos(1));
    LoginResponse signedIn = login("ada", PASSWORD);
    assertThat(signedIn.getToken()).isNotEmpty();
    assertThat(signedIn.getUser().getUsername()).isEqualTo("ada");

    // Signed in from here, ada has her own counter here: a typo is answered as such again.
    assertThat(detail(refused("ada", "mistyped"), ErrorInfo.class).getReason())
        .isEqualTo("BAD_CREDENTIALS");
  }

  @Test
  void passwordsAreCheckedAtTheLeaderOnlySoItsThrottleSeesEveryAttempt() throws Exception {
    var follower =
        AccountServiceGrpc.newBlockingStub(cluster.channel(cluster.aFollowerId()))
            .withDeadlineAfter(TestCluster.WAIT.toSeconds(), TimeUnit.SECONDS);

    StatusRuntimeException redirected =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                follower.login(
                    LoginRequest.newBuilder().setUsername("ada").setPassword("guess").build()));
    assertThat(redirected.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(detail(redirected, ErrorInfo.class).getReason()).isEqualTo("NOT_LEADER");

    // A name no account can have is still refused on any node, as cluster probes expect.
    StatusRuntimeException probe =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                follower.login(LoginRequest.newBuilder().setUsername("").setPassword("p").build()));
    assertThat(detail(probe, ErrorInfo.class).getReason()).isEqualTo("BAD_CREDENTIALS");
  }

  private LoginResponse login(String username, String password) {
    return stub()
        .login(LoginRequest.newBuilder().setUsername(username).setPassword(password).build());
  }

  private StatusRuntimeException refused(String username, String password) {
    return catchThrowableOfType(StatusRuntimeException.class, () -> login(username, password));
  }

  private AccountServiceBlockingStub stub() {
    return leader.withDeadlineAfter(TestCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
  }
}
