package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.desktop.settings.ClusterTrust;
import dev.raftpad.desktop.settings.DataDirectory;
import dev.raftpad.desktop.settings.PreferencesSettings;
import dev.raftpad.desktop.settings.Settings;
import dev.raftpad.desktop.viewmodel.Threads;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/** The JavaFX application. Views are built in code and bound to view models. */
public final class RaftpadApplication extends Application {
  private ExecutorService background;
  private ExecutorService analysis;

  @Override
  public void start(Stage stage) {
    background =
        Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("raftpad-io-", 0).factory());
    analysis = Threads.analysisThread("raftpad-analysis");
    Threads threads = new Threads(Platform::runLater, background, analysis);
    Settings settings = PreferencesSettings.forUser();
    ClientOptions options =
        ClusterTrust.from(settings, System.getenv())
            .applyTo(
                ClientOptions.defaults()
                    .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10))
                    .withOfflineAfter(Duration.ofSeconds(5)));
    new DesktopApp(settings, threads, options, Optional.of(DataDirectory.forUser()))
        .showSignIn(stage);
  }

  @Override
  public void stop() {
    if (background != null) {
      background.shutdown();
    }
    if (analysis != null) {
      analysis.shutdown();
    }
  }
}
