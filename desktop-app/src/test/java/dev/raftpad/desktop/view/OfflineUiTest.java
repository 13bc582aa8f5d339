package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.server.testing.InProcessCluster;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Offline editing in the real windows, headless on Monocle, against a real three-node cluster that
 * is stopped whole: Ada types while it is down, closes the app, starts it again (still down), signs
 * in on this computer, opens the document from the browser and sees her text; once the cluster is
 * back, Bob's window receives it.
 */
class OfflineUiTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;
  static Fx.Account adaAccount;
  static Fx.Account bobAccount;
  MainWindow ada;
  MainWindow bob;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void startCluster() throws Exception {
    FxToolkit.registerPrimaryStage();
    cluster = InProcessCluster.start(InProcessCluster.settings(dir.resolve("cluster")));
    adaAccount = Fx.register(cluster, "Ada");
    bobAccount = Fx.register(cluster, "Bob");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
  }

  @AfterEach
  void closeWindows() throws Exception {
    for (MainWindow window : new MainWindow[] {ada, bob}) {
      if (window != null) {
        Fx.close(window);
      }
    }
    for (String id : cluster.ids()) {
      if (!cluster.running().contains(id)) {
        cluster.startNode(id); // a failed test leaves the cluster whole for the next
      }
    }
  }

  static EditorArea area(MainWindow window, String documentId) {
    return window.editor(documentId).orElseThrow().editor().area();
  }

  static String status(MainWindow window) {
    return ((Label) window.node().lookup("#connection")).getText();
  }

  @Test
  void typedWhileTheClusterIsDownSurvivesARestartAndReachesTheOtherWindow() throws Exception {
    Path adaData = dir.resolve("ada-data");
    ada = Fx.signedIn(Fx.app(adaData), cluster, adaAccount, 0);
    bob = Fx.signedIn(cluster, bobAccount, 960);
    String documentId = ada.workspace().client().documents().create("Field notes", "Hello\n").id();
    var unused = ada.workspace().client().sharing().setLinkAccess(documentId, DocumentRole.EDITOR);
    fxRun(() -> ada.open(documentId));
    fxRun(() -> bob.open(documentId));
    until(
        "both editors on screen and in sync",
        () ->
            ada.editor(documentId)
                    .map(e -> Fx.showing(e.editor().area()) && e.model().isSynchronized())
                    .orElse(false)
                && bob.editor(documentId).map(e -> e.model().isSynchronized()).orElse(false));

    for (String id : cluster.ids()) {
      cluster.stopNode(id);
    }
    EditorArea adaArea = fx(() -> area(ada, documentId));
    robot.clickOn(adaArea);
    fxRun(() -> adaArea.moveTo(adaArea.getLength()));
    robot.write("Typed with the cluster down.");
    until(
        "the status says the edits are kept on this computer",
        () -> status(ada).contains(MainWindow.OFFLINE_SAVED));
    assertThat(fx(() -> area(ada, documentId).getText()))
        .isEqualTo("Hello\nTyped with the cluster down.");
    Fx.resize(ada, 1280, 800);
    Fx.screenshot(fx(() -> ada.node().getScene()), "offline-indicator");

    // Ada quits, and starts the app again while the cluster is still down.
    Fx.close(ada);
    ada = Fx.signedIn(Fx.app(adaData), cluster, adaAccount, 0);
    until(
        "the browser lists the document from its offline copy",
        () ->
            ((TableView<?>) ada.node().lookup("#documents"))
                .getItems().stream().anyMatch(row -> row.toString().contains("Field notes")));
    fxRun(() -> ada.open(documentId));
    until(
        "the document opened offline with her text",
        () ->
            ada.editor(documentId)
                .map(e -> e.editor().area().getText().equals("Hello\nTyped with the cluster down."))
                .orElse(false));
    assertThat(fx(() -> status(ada))).contains(MainWindow.OFFLINE_SAVED);

    for (String id : cluster.ids()) {
      cluster.startNode(id);
    }
    until(
        "Bob's window received Ada's offline text",
        () -> area(bob, documentId).getText().equals("Hello\nTyped with the cluster down."));
    until(
        "Ada's edits are confirmed",
        () -> ada.editor(documentId).orElseThrow().model().isSynchronized());
    assertThat(ada.workspace().client().documents().get(documentId).text())
        .isEqualTo("Hello\nTyped with the cluster down.");
  }
}
