package dev.raftpad.desktop.view;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.desktop.settings.ClusterTrust;
import dev.raftpad.desktop.settings.OfflineStores;
import dev.raftpad.desktop.settings.Settings;
import dev.raftpad.desktop.viewmodel.SignInViewModel;
import dev.raftpad.desktop.viewmodel.Threads;
import dev.raftpad.desktop.viewmodel.WorkspaceViewModel;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Puts the app together: settings, the two executors, the client options, and which window shows
 * what. The application and the UI tests both start from here.
 */
public final class DesktopApp {
  static final String STYLESHEET =
      Objects.requireNonNull(DesktopApp.class.getResource("raftpad.css")).toExternalForm();

  private final Settings settings;
  private final Threads threads;
  private final ClientOptions options;
  private final Optional<OfflineStores> offline;
  private MainWindow window;

  public DesktopApp(Settings settings, Threads threads, ClientOptions options) {
    this(settings, threads, options, Optional.empty());
  }

  /**
   * @param dataDirectory where offline copies of documents live ({@code DataDirectory.forUser()} in
   *     the app, a temporary directory in tests); empty: online only
   */
  public DesktopApp(
      Settings settings, Threads threads, ClientOptions options, Optional<Path> dataDirectory) {
    this.offline = dataDirectory.map(OfflineStores::new);
    this.settings = settings;
    this.threads = threads;
    this.options = options.withEventExecutor(threads.ui());
  }

  /** RAFTPAD_SERVERS (set by {@code ./raftpad up}) when present, else the local cluster. */
  private static String defaultServers() {
    String fromEnvironment = System.getenv("RAFTPAD_SERVERS");
    return fromEnvironment == null || fromEnvironment.isBlank()
        ? SignInViewModel.LOCAL_SERVERS
        : fromEnvironment.strip();
  }

  /** The CA the environment or the settings name (ClusterTrust's rule); empty when none. */
  private String defaultCa() {
    ClusterTrust trust = ClusterTrust.from(settings, System.getenv());
    return trust.ca() == null ? "" : trust.ca().toString();
  }

  /** Shows the sign-in form in {@code stage}; signing in replaces it with the workspace. */
  public SignInViewModel showSignIn(Stage stage) {
    Themes.apply(settings);
    SignInViewModel model =
        new SignInViewModel(
            settings,
            threads,
            (seeds, trustedCa) ->
                RaftpadClient.connect(
                    SeedAddresses.parse(seeds),
                    trustedCa.map(options::withTrustedCa).orElse(options)),
            defaultServers(),
            defaultCa(),
            offline);
    stage.setTitle("Raftpad — sign in");
    stage.setScene(scene(SignInView.build(model, signedIn -> showWorkspace(stage, signedIn))));
    stage.sizeToScene();
    stage.show();
    // While the user signs in (seconds): the first editor they open is then built warm.
    var unused = EditorWarmUp.start();
    return model;
  }

  /** Shows the workspace of a signed-in user in {@code stage}. */
  MainWindow showWorkspace(Stage stage, SignInViewModel.SignedIn signedIn) {
    WorkspaceViewModel workspace =
        new WorkspaceViewModel(signedIn.client(), signedIn.user(), threads);
    MainWindow[] window = new MainWindow[1];
    window[0] =
        new MainWindow(
            workspace,
            settings,
            () -> {
              window[0].closeEditors();
              workspace.close();
              showSignIn(stage);
            });
    this.window = window[0];
    stage.setTitle("Raftpad — " + signedIn.servers());
    stage.setScene(scene(window[0].node()));
    // Wide enough that the editor's side panels show their buttons whole.
    WindowState.manage(stage, settings, "main", 1280, 800);
    stage.setOnCloseRequest(
        e -> {
          window[0].closeEditors();
          workspace.close();
        });
    workspace.start();
    stage.show();
    return window[0];
  }

  /** The workspace window shown last (for tests and screenshots). */
  MainWindow window() {
    return window;
  }

  static Scene scene(Parent root) {
    Scene scene = new Scene(root);
    scene.getStylesheets().add(STYLESHEET);
    return scene;
  }
}
