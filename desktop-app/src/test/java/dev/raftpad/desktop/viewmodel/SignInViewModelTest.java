package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.testing.QueueExecutor;
import dev.raftpad.desktop.testing.TestClients;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sign-in form's rules, without the JavaFX toolkit. */
class SignInViewModelTest {
  private final QueueExecutor ui = new QueueExecutor();
  private final MemorySettings settings = new MemorySettings();

  private SignInViewModel model() {
    return new SignInViewModel(
        settings, new Threads(ui, Runnable::run), SignInViewModelTest::connect);
  }

  /** The app's connector (DesktopApp's) with the tests' trust. */
  private static RaftpadClient connect(String seeds, java.util.Optional<java.nio.file.Path> ca) {
    var options = TestClients.options();
    return RaftpadClient.connect(
        SeedAddresses.parse(seeds), ca.map(options::withTrustedCa).orElse(options));
  }

  @Test
  void signInIsPossibleOnlyWithServersUsernameAndPassword() {
    SignInViewModel model = model();
    assertThat(model.canSignInProperty().get()).isFalse();
    assertThat(model.problemProperty().get()).isEqualTo("Enter your username.");

    model.usernameProperty().set("ada");
    model.passwordProperty().set("correct horse");

    assertThat(model.canSignInProperty().get()).isTrue();
    assertThat(model.problemProperty().get()).isEmpty();
  }

  @Test
  void aBadServerListIsExplained() {
    SignInViewModel model = model();
    model.usernameProperty().set("ada");
    model.passwordProperty().set("pw");

    model.serversProperty().set("localhost");

    assertThat(model.canSignInProperty().get()).isFalse();
    assertThat(model.problemProperty().get())
        .isEqualTo("Servers: expected host:port but got 'localhost'");
  }

  @Test
  void withNothingRememberedTheGivenDefaultServersAreShown() {
    assertThat(model().serversProperty().get()).isEqualTo(SignInViewModel.LOCAL_SERVERS);
    var fromEnvironment =
        new SignInViewModel(
            settings,
            new Threads(ui, Runnable::run),
            SignInViewModelTest::connect,
            "10.1.1.1:7001",
            "");
    assertThat(fromEnvironment.serversProperty().get()).isEqualTo("10.1.1.1:7001");
  }

  @Test
  void theServersComeFromTheSettings() {
    settings.put(SignInViewModel.SERVERS_KEY, "10.0.0.1:7001,10.0.0.2:7001");
    assertThat(model().serversProperty().get()).isEqualTo("10.0.0.1:7001,10.0.0.2:7001");
  }

  @Test
  void anUnreachableClusterIsExplainedAndNotRemembered() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    SignInViewModel model =
        new SignInViewModel(
            settings,
            new Threads(ui, Runnable::run),
            (seeds, ca) ->
                RaftpadClient.connect(
                    SeedAddresses.parse(seeds),
                    TestClients.options()
                        .withTimeouts(Duration.ofMillis(300), Duration.ofMillis(900))));
    model.serversProperty().set("127.0.0.1:" + closedPort);
    model.usernameProperty().set("ada");
    model.passwordProperty().set("pw");
    AtomicReference<SignInViewModel.SignedIn> signedIn = new AtomicReference<>();

    model.signIn(signedIn::set);
    ui.drainUntil("an error", () -> !model.errorProperty().get().isEmpty());

    assertThat(model.errorProperty().get()).startsWith("Cannot reach the cluster");
    assertThat(model.busyProperty().get()).isFalse();
    assertThat(signedIn.get()).isNull();
    assertThat(settings.get(SignInViewModel.SERVERS_KEY)).isEmpty();
  }

  @Test
  void aCaFileThatIsNotACertificateIsOneSentenceAndNothingIsRemembered() throws IOException {
    java.nio.file.Path notPem = java.nio.file.Files.createTempFile("not-a-ca", ".pem");
    java.nio.file.Files.writeString(notPem, "hello\n");
    SignInViewModel model = model();
    model.caFileProperty().set(notPem.toString());
    model.usernameProperty().set("ada");
    model.passwordProperty().set("pw");

    model.signIn(s -> {});
    ui.drainUntil("an error", () -> !model.errorProperty().get().isEmpty());

    assertThat(model.errorProperty().get()).startsWith("CA certificate: ").doesNotContain("\n");
    assertThat(model.errorProperty().get()).doesNotContain("Exception");
    assertThat(settings.get(dev.raftpad.desktop.settings.ClusterTrust.CA_KEY)).isEmpty();
    java.nio.file.Files.delete(notPem);
  }
}
