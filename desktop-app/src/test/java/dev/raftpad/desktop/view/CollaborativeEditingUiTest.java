package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.testing.InProcessCluster;
import java.nio.file.Path;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.fxmisc.richtext.InlineCssTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real windows, headless on Monocle, against a real three-node cluster: two users' editors on
 * one document. Ends with a leader kill and the screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CollaborativeEditingUiTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;
  static MainWindow ada;
  static MainWindow bob;
  static String documentId;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    cluster = InProcessCluster.start(dir, 3, null);
    ada = Fx.signedIn(cluster, "Ada", 0);
    bob = Fx.signedIn(cluster, "Bob", 960);
    documentId = ada.workspace().client().documents().create("Shared notes", "Hello\n").id();
    fxRun(() -> ada.open(documentId));
    fxRun(() -> bob.open(documentId));
    until(
        "both editors",
        () -> ada.editor(documentId).isPresent() && bob.editor(documentId).isPresent());
  }

  @AfterAll
  static void stop() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
  }

  static InlineCssTextArea area(MainWindow window) {
    return window.editor(documentId).orElseThrow().editor().area();
  }

  static EditorView editor(MainWindow window) {
    return window.editor(documentId).orElseThrow();
  }

  static String text(MainWindow window) {
    return fx(() -> area(window).getText());
  }

  /** Both areas show the same text, every edit is confirmed, and the area matches its session. */
  static void converged() {
    until(
        "both editors identical and synchronized",
        () ->
            editor(ada).model().isSynchronized()
                && editor(bob).model().isSynchronized()
                && area(ada).getText().equals(area(bob).getText())
                && area(ada).getText().equals(editor(ada).model().document().text())
                && area(bob).getText().equals(editor(bob).model().document().text()));
  }

  @Test
  @Order(1)
  void twoWindowsTypingConcurrentlyEndIdentical() {
    robot.clickOn(area(ada));
    fxRun(() -> area(ada).moveTo(area(ada).getLength()));
    robot.write("ada");
    robot.clickOn(area(bob));
    fxRun(() -> area(bob).moveTo(0));
    robot.write("bob");
    // Both local edits in one FX pulse: neither has seen the other's when it is made.
    fxRun(
        () -> {
          area(ada).insertText(0, "1");
          area(bob).insertText(area(bob).getLength(), "2");
        });

    converged();
    String text = text(ada);
    assertThat(text).contains("ada", "bob", "1", "2", "Hello");
    assertThat(text.length()).isEqualTo("Hello\n".length() + 8);
  }

  @Test
  @Order(2)
  void formattingPropagates() {
    fxRun(() -> area(ada).selectRange(0, 3));
    robot.clickOn(ada.node().lookup("#format-bold"));
    fxRun(() -> area(ada).selectRange(0, 0));
    robot.clickOn(ada.node().lookup("#format-h1"));

    until(
        "Bob's area shows it",
        () ->
            area(bob).getStyleOfChar(1).contains("bold")
                && area(bob).getStyleOfChar(1).contains("font-size"));
    converged();
    assertThat(fx(() -> editor(bob).model().document()))
        .isEqualTo(fx(() -> editor(ada).model().document()));
  }

  @Test
  @Order(3)
  void presenceAndRemoteCaretsAppear() {
    until(
        "Ada sees Bob in the document",
        () ->
            ((ListView<?>) ada.node().lookup("#people"))
                .getItems().stream().anyMatch(u -> u.toString().contains("Bob")));
    fxRun(() -> area(bob).moveTo(2));
    until(
        "Bob's named caret at Ada's",
        () ->
            ada.node().lookupAll(".caret-tag").stream()
                .anyMatch(
                    n ->
                        n.isVisible() && ((javafx.scene.control.Label) n).getText().equals("Bob")));
  }

  @Test
  @Order(4)
  void aLockMakesTheOtherWindowReadOnly() {
    robot.clickOn(ada.node().lookup("#lock-toggle"));
    until("Bob's editor is read-only", () -> !area(bob).isEditable());
    assertThat(fx(() -> ((javafx.scene.control.Label) bob.node().lookup("#lock-badge")).getText()))
        .startsWith("Locked by Ada until");
    String before = text(bob);
    robot.clickOn(area(bob)).write("x");
    assertThat(text(bob)).isEqualTo(before);

    robot.clickOn(ada.node().lookup("#lock-toggle"));
    until("Bob may edit again", () -> area(bob).isEditable());
  }

  @Test
  @Order(5)
  void historyPreviewsDiffsAndRestores() {
    fxRun(() -> editor(ada).showPanel("history-tab"));
    until("versions listed", () -> !editor(ada).history().versions().isEmpty());
    // The oldest version: Ada's first edits.
    fxRun(
        () -> {
          ListView<?> versions = (ListView<?>) ada.node().lookup("#versions");
          versions.getSelectionModel().selectLast();
        });
    until(
        "preview and diff",
        () ->
            !((TextArea) ada.node().lookup("#version-preview")).getText().isEmpty()
                && !((TextFlow) ada.node().lookup("#version-diff")).getChildren().isEmpty());
    String old = fx(() -> ((TextArea) ada.node().lookup("#version-preview")).getText());
    assertThat(old).isNotEqualTo(text(ada));
    assertThat(fx(() -> editor(ada).history().diff()))
        .anyMatch(s -> s.kind() != dev.raftpad.desktop.viewmodel.DiffSegment.Kind.SAME);

    robot.clickOn(ada.node().lookup("#restore-version"));
    until("restored everywhere", () -> area(bob).getText().equals(old));
    converged();
  }

  @Test
  @Order(6)
  void typingContinuesThroughALeaderKill() throws Exception {
    robot.clickOn(area(ada));
    fxRun(() -> area(ada).moveTo(area(ada).getLength()));
    robot.write("before ");
    cluster.stopNode(cluster.leaderId());
    fxRun(
        () -> {
          area(ada).insertText(area(ada).getLength(), "during-a ");
          area(bob).insertText(0, "during-b ");
        });
    robot.write("after");

    converged();
    assertThat(text(bob)).contains("before ", "during-a ", "during-b ", "after");
  }

  @Test
  @Order(7)
  void screenshots() {
    Fx.resize(ada, 1280, 860);
    fxRun(() -> ((javafx.scene.layout.Pane) ada.node().lookup("#toasts")).getChildren().clear());
    fxRun(() -> area(bob).selectRange(0, 6));
    fxRun(() -> area(ada).moveTo(3));
    until("carets shown", () -> !ada.node().lookupAll(".caret-tag").isEmpty());
    fxRun(() -> editor(ada).showPanel("people-tab"));
    Fx.screenshot(fx(() -> ada.node().getScene()), "editor-two-users");
    fxRun(() -> editor(ada).showPanel("history-tab"));
    fxRun(() -> ((ListView<?>) ada.node().lookup("#versions")).getSelectionModel().selectLast());
    until(
        "diff shown",
        () -> !((TextFlow) ada.node().lookup("#version-diff")).getChildren().isEmpty());
    Fx.screenshot(fx(() -> ada.node().getScene()), "history-diff");
    fxRun(ada::showDocuments);
    Fx.screenshot(fx(() -> ada.node().getScene()), "document-browser");
    fxRun(ada::showCluster);
    until("members", () -> !ada.workspace().cluster().members().isEmpty());
    Fx.screenshot(fx(() -> ada.node().getScene()), "cluster");
    Stage signIn =
        fx(
            () -> {
              Stage stage = new Stage();
              Fx.app().showSignIn(stage);
              return stage;
            });
    Fx.screenshot(fx(signIn::getScene), "sign-in");
    assertThat(Fx.SCREENSHOTS.resolve("editor-two-users.png")).exists();
  }

  @Test
  @Order(8)
  void adminActionsAreDisabledForOthersAndTheThemeButtonIsRemembered() {
    fxRun(bob::showCluster);
    fxRun(ada::showCluster);
    // Ada registered first on this cluster: she administers it, Bob does not.
    assertThat(fx(() -> ada.node().lookup("#add-node").isDisabled())).isFalse();
    assertThat(fx(() -> ada.node().lookup("#admins-only"))).isNull();
    for (String action : java.util.List.of("#add-node", "#remove-node", "#transfer-leadership")) {
      assertThat(fx(() -> bob.node().lookup(action).isDisabled())).as(action).isTrue();
    }
    assertThat(fx(() -> ((javafx.scene.control.Label) bob.node().lookup("#admins-only")).getText()))
        .isEqualTo("Only an administrator can do that.");

    String light = new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet();
    String dark = new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet();
    var toggle = (javafx.scene.control.Button) ada.node().lookup("#theme-toggle");
    fxRun(toggle::fire);
    assertThat(ada.settings().get("theme")).contains("dark");
    assertThat(fx(javafx.application.Application::getUserAgentStylesheet)).isEqualTo(dark);
    fxRun(toggle::fire);
    assertThat(ada.settings().get("theme")).contains("light");
    assertThat(fx(javafx.application.Application::getUserAgentStylesheet)).isEqualTo(light);
  }
}
