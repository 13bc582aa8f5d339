package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.testing.TestClients;
import dev.raftpad.desktop.viewmodel.SignInViewModel;
import dev.raftpad.desktop.viewmodel.Threads;
import dev.raftpad.server.testing.InProcessCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javafx.application.Platform;
import javafx.geometry.Bounds;
import javafx.geometry.Rectangle2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.text.Text;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What a new user sees first, on the real toolkit (headless): the sign-in form after a failed
 * attempt, and the main window that replaces it.
 */
class FirstRunUiTest {
  static final List<String> FIELD_LABELS =
      List.of("Servers", "Username", "Password", "Display name");

  @TempDir static Path dir;
  static InProcessCluster cluster;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    cluster = InProcessCluster.start(InProcessCluster.settings(dir).withSize(1));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @AfterEach
  void closeWindows() throws Exception {
    FxToolkit.cleanupStages();
  }

  /** An app whose calls give up quickly, so a failed sign-in is over in seconds. */
  static DesktopApp impatientApp() {
    return new DesktopApp(
        new MemorySettings(),
        new Threads(Platform::runLater, Fx.BACKGROUND, Fx.ANALYSIS),
        TestClients.options().withTimeouts(Duration.ofMillis(500), Duration.ofSeconds(2)));
  }

  @Test
  void aFailedSignInKeepsEveryLabelWholeAndWrapsTheError() throws Exception {
    DesktopApp app = impatientApp();
    Stage stage = fx(Stage::new);
    SignInViewModel model = fx(() -> app.showSignIn(stage));
    fxRun(
        () -> {
          model.usernameProperty().set("ada");
          model.passwordProperty().set("password");
        });
    Fx.screenshot(fx(stage::getScene), "sign-in");
    Parent form = fx(() -> stage.getScene().getRoot());
    Label error = fx(() -> (Label) form.lookup("#sign-in-error"));

    // A server that takes the connection and never answers, as a cluster still starting up does;
    // then nothing listening at all, which has the longest message.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      signInFails(model, form, "127.0.0.1:" + silent.getLocalPort());
      assertWhole(form, error);
    }
    int closed;
    try (ServerSocket free = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      closed = free.getLocalPort();
    }
    signInFails(model, form, "127.0.0.1:" + closed);
    assertWhole(form, error);
    Fx.screenshot(fx(stage::getScene), "sign-in-error");
  }

  private void signInFails(SignInViewModel model, Parent form, String servers) {
    fxRun(() -> model.serversProperty().set(servers));
    robot.clickOn(fx(() -> form.lookup("#sign-in")));
    until(
        "the attempt fails",
        () -> !model.busyProperty().get() && !model.errorProperty().get().isEmpty());
    until("the error drawn", () -> !renderedText(form.lookup("#sign-in-error")).isEmpty());
    // Whatever the message set off (a larger window, a layout pass) happens before the checks.
    WaitForAsyncUtils.waitForFxEvents();
    until("the form laid out", () -> !form.isNeedsLayout());
  }

  /**
   * Every field label shows its whole text, and the error shows all its lines inside the window.
   */
  private static void assertWhole(Parent form, Label error) {
    for (String name : FIELD_LABELS) {
      Label label =
          fx(
              () ->
                  form.lookupAll(".label").stream()
                      .filter(n -> n instanceof Label l && l.getText().equals(name))
                      .map(Label.class::cast)
                      .findFirst()
                      .orElseThrow());
      assertThat(fx(() -> renderedText(label))).as("the label %s as drawn", name).isEqualTo(name);
      assertThat(fx(label::getWidth))
          .as(name)
          .isGreaterThanOrEqualTo(fx(() -> label.prefWidth(-1)) - 0.5);
    }
    String message = fx(error::getText);
    assertThat(message).isNotEmpty();
    assertThat(fx(() -> renderedText(error))).as("the error as drawn").isEqualTo(message);
    assertThat(fx(error::getHeight))
        .as("the error's height for its lines")
        .isGreaterThanOrEqualTo(fx(() -> error.prefHeight(error.getWidth())) - 0.5);
    Bounds inScene = fx(() -> error.localToScene(error.getLayoutBounds()));
    double width = fx(() -> form.getScene().getWidth());
    double height = fx(() -> form.getScene().getHeight());
    assertThat(inScene.getMinX()).isGreaterThanOrEqualTo(0);
    assertThat(inScene.getMinY()).isGreaterThanOrEqualTo(0);
    assertThat(inScene.getMaxX()).as("the error's right edge").isLessThanOrEqualTo(width);
    assertThat(inScene.getMaxY()).as("the error's bottom edge").isLessThanOrEqualTo(height);
  }

  /**
   * The text a label draws: its skin's Text node holds the string as shown, with "…" when the label
   * had to cut it; empty while nothing is drawn.
   */
  static String renderedText(Node label) {
    return label.lookupAll(".text").stream()
        .filter(n -> n instanceof Text && label.equals(n.getParent()))
        .map(n -> ((Text) n).getText())
        .findFirst()
        .orElse("");
  }

  @Test
  void theMainWindowOpensWhollyOnTheScreenTheSignInWasOn() {
    DesktopApp app = Fx.app();
    Stage stage = fx(Stage::new);
    SignInViewModel model = fx(() -> app.showSignIn(stage));
    Rectangle2D screen = fx(() -> Screen.getPrimary().getVisualBounds());
    fxRun(
        () -> {
          // The sign-in window near the screen's bottom right corner, where a 1280×800 window
          // from the same corner would hang off the screen.
          stage.setX(screen.getMaxX() - stage.getWidth() - 20);
          stage.setY(screen.getMaxY() - stage.getHeight() - 20);
          model.serversProperty().set(cluster.seeds());
          model.usernameProperty().set("placed");
          model.passwordProperty().set("password-placed");
        });
    robot.clickOn(fx(() -> stage.getScene().lookup("#register")));
    until(
        "the main window",
        () -> app.window() != null && app.window().node().equals(stage.getScene().getRoot()));

    try {
      Rectangle2D bounds =
          fx(
              () ->
                  new Rectangle2D(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight()));
      assertThat(screen.contains(bounds)).as("%s within the screen %s", bounds, screen).isTrue();
      assertThat(bounds.getWidth()).isEqualTo(1280);
      assertThat(bounds.getHeight()).isEqualTo(800);
    } finally {
      Fx.close(fx(app::window));
    }
  }
}
