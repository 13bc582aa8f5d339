package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.DiffSegment;
import dev.raftpad.server.testing.InProcessCluster;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;
import org.fxmisc.richtext.InlineCssTextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The real windows, headless on Monocle, against a real three-node cluster: two users' editors on
 * one document, side by side.
 *
 * <p>Each test starts from its own state: both users sign in again into new windows and open a new
 * document, and the windows are closed afterwards; a test that stops a node starts it again. The
 * order is random on purpose (JUnit logs the seed; rerun one with {@code
 * -Djunit.jupiter.execution.order.random.seed=...}), so a test that leans on another fails.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class CollaborativeEditingUiTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;
  static Fx.Account adaAccount;
  static Fx.Account bobAccount;
  MainWindow ada;
  MainWindow bob;
  String documentId;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void startCluster() throws Exception {
    FxToolkit.registerPrimaryStage();
    cluster = InProcessCluster.start(InProcessCluster.settings(dir).withSize(3));
    // Ada registers first, so she administers the cluster and Bob does not.
    adaAccount = Fx.register(cluster, "Ada");
    bobAccount = Fx.register(cluster, "Bob");
  }

  @AfterAll
  static void stopCluster() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
  }

  @BeforeEach
  void openWindows() {
    // Side by side: the robot clicks screen coordinates, so the windows must not overlap.
    ada = Fx.signedIn(cluster, adaAccount, 0);
    bob = Fx.signedIn(cluster, bobAccount, 960);
    documentId = ada.workspace().client().documents().create("Shared notes", "Hello\n").id();
    var unused =
        ada.workspace()
            .client()
            .sharing()
            .setLinkAccess(documentId, dev.raftpad.client.sdk.model.DocumentRole.EDITOR);
    fxRun(() -> ada.open(documentId));
    fxRun(() -> bob.open(documentId));
    until("both editors on screen and in sync", () -> ready(ada) && ready(bob));
  }

  @AfterEach
  void closeWindows() {
    for (MainWindow window : new MainWindow[] {ada, bob}) {
      if (window != null) {
        Fx.close(window);
      }
    }
  }

  /**
   * The editor is open, its area can be clicked, and its session is live. An editor that is merely
   * open is not enough: its area joins the scene at the next pulse.
   */
  boolean ready(MainWindow window) {
    return window
        .editor(documentId)
        .map(e -> Fx.showing(e.editor().area()) && e.model().isSynchronized())
        .orElse(false);
  }

  /** The window's area; on the FX thread (inside {@code fx}, {@code fxRun} or {@code until}). */
  InlineCssTextArea area(MainWindow window) {
    return editor(window).editor().area();
  }

  /** The window's editor; on the FX thread. */
  EditorView editor(MainWindow window) {
    return window.editor(documentId).orElseThrow();
  }

  String text(MainWindow window) {
    return fx(() -> area(window).getText());
  }

  /** Both areas show the same text, every edit is confirmed, and the area matches its session. */
  void converged() {
    until(
        "both editors identical and synchronized",
        () ->
            editor(ada).model().isSynchronized()
                && editor(bob).model().isSynchronized()
                && area(ada).getText().equals(area(bob).getText())
                && area(ada).getText().equals(editor(ada).model().document().text())
                && area(bob).getText().equals(editor(bob).model().document().text()));
  }

  /** Types {@code text} through the robot at the end (or start) of a window's area. */
  void typeAt(MainWindow window, boolean atEnd, String text) {
    InlineCssTextArea area = fx(() -> area(window));
    robot.clickOn(area);
    fxRun(() -> area.moveTo(atEnd ? area.getLength() : 0));
    robot.write(text);
  }

  @Test
  void twoWindowsTypingConcurrentlyEndIdentical() {
    typeAt(ada, true, "ada");
    typeAt(bob, false, "bob");
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

  /**
   * Heading 1 from the toolbar's heading menu (fired: a menu's popup is no place for the robot).
   */
  static void heading1(MainWindow window) {
    fxRun(
        () ->
            ((javafx.scene.control.MenuButton) window.node().lookup("#format-heading"))
                .getItems()
                .getFirst()
                .fire());
  }

  @Test
  void formattingPropagates() {
    fxRun(() -> area(ada).selectRange(0, 3));
    robot.clickOn(fx(() -> ada.node().lookup("#format-bold")));
    fxRun(() -> area(ada).selectRange(0, 0));
    heading1(ada);

    until(
        "Bob's area shows it",
        () ->
            area(bob).getStyleOfChar(1).contains("bold")
                && area(bob).getStyleOfChar(1).contains("font-size"));
    converged();
    assertThat(fx(() -> editor(bob).model().document()))
        .isEqualTo(fx(() -> editor(ada).model().document()));
  }

  /**
   * Key combinations that are no command of the editor (find, link, print, save...) type nothing
   * and send nothing. The one letter typed after them is the only change, in both windows.
   */
  @Test
  void combinationsWithCtrlAltOrMetaTypeNothing() {
    typeAt(ada, true, "");
    long revision = fx(() -> editor(ada).model().revision());
    String before = text(ada);
    KeyCode[][] combinations = {
      // Not Ctrl+F, Ctrl+H, Ctrl+K: they open the find bar and the link dialog (EditorKeys).
      {KeyCode.CONTROL, KeyCode.J},
      {KeyCode.CONTROL, KeyCode.G},
      {KeyCode.CONTROL, KeyCode.P},
      {KeyCode.CONTROL, KeyCode.S},
      {KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.F},
      // Strikethrough at a caret: toggled for the next typing and back, nothing sent.
      {KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.X},
      {KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.X},
      {KeyCode.CONTROL, KeyCode.ALT, KeyCode.F},
      {KeyCode.ALT, KeyCode.F},
      {KeyCode.ALT, KeyCode.K},
      {KeyCode.META, KeyCode.F},
      {KeyCode.META, KeyCode.K},
    };
    for (KeyCode[] combination : combinations) {
      robot.push(combination);
    }
    assertThat(text(ada)).isEqualTo(before);
    assertThat(fx(() -> editor(ada).model().isSynchronized())).isTrue();

    robot.write("z");
    converged();
    assertThat(text(bob)).isEqualTo(before + "z");
    // One keystroke, one revision: nothing before it reached the server.
    assertThat(fx(() -> editor(ada).model().revision())).isEqualTo(revision + 1);
    assertThat(fx(() -> editor(ada).model().document().text())).isEqualTo(before + "z");
  }

  @Test
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
                .anyMatch(n -> n.isVisible() && ((Label) n).getText().equals("Bob")));
  }

  @Test
  void aLockMakesTheOtherWindowReadOnly() {
    robot.clickOn(fx(() -> ada.node().lookup("#lock-toggle")));
    until("Bob's editor is read-only", () -> !area(bob).isEditable());
    assertThat(fx(() -> ((Label) bob.node().lookup("#lock-badge")).getText()))
        .startsWith("Locked by Ada until");
    String before = text(bob);
    robot.clickOn(fx(() -> area(bob))).write("x");
    // A refused keystroke is put back on the next pulse; the session never took it.
    until("Bob's area shows the document again", () -> area(bob).getText().equals(before));
    assertThat(fx(() -> editor(bob).model().document().text())).isEqualTo(before);
    assertThat(fx(() -> editor(bob).model().isSynchronized())).isTrue();

    robot.clickOn(fx(() -> ada.node().lookup("#lock-toggle")));
    until("Bob may edit again", () -> area(bob).isEditable());
  }

  @Test
  void historyPreviewsDiffsAndRestores() {
    typeAt(ada, true, "ada");
    converged();
    typeAt(bob, false, "bob");
    converged();
    fxRun(() -> editor(ada).showPanel("history-tab"));
    // Newest first: Bob's version, then Ada's.
    until("both versions listed", () -> editor(ada).history().versions().size() == 2);
    fxRun(() -> ((ListView<?>) ada.node().lookup("#versions")).getSelectionModel().selectLast());
    until(
        "preview and diff",
        () ->
            !((TextArea) ada.node().lookup("#version-preview")).getText().isEmpty()
                && ada.node().lookup("#version-diff") instanceof TextFlow diff
                && !diff.getChildren().isEmpty());
    String old = fx(() -> ((TextArea) ada.node().lookup("#version-preview")).getText());
    assertThat(old).contains("ada").doesNotContain("bob");
    assertThat(fx(() -> editor(ada).history().diff()))
        .anyMatch(s -> s.kind() != DiffSegment.Kind.SAME);

    robot.clickOn(fx(() -> ada.node().lookup("#restore-version")));
    until("restored everywhere", () -> area(bob).getText().equals(old));
    converged();
  }

  @Test
  void typingContinuesThroughALeaderKill() throws Exception {
    typeAt(ada, true, "before ");
    String leader = cluster.leaderId();
    cluster.stopNode(leader);
    try {
      fxRun(
          () -> {
            area(ada).insertText(area(ada).getLength(), "during-a ");
            area(bob).insertText(0, "during-b ");
          });
      robot.write("after");

      converged();
      assertThat(text(bob)).contains("before ", "during-a ", "during-b ", "after");
    } finally {
      // The next test starts with all three nodes again.
      cluster.startNode(leader);
    }
  }

  @Test
  void screenshots() {
    typeAt(ada, true, "Raft keeps the logs consistent.\n");
    converged();
    fxRun(() -> area(ada).selectRange(0, 5));
    heading1(ada);
    typeAt(bob, true, "Bob was here.");
    converged();
    Fx.resize(ada, 1280, 860);
    fxRun(() -> area(bob).selectRange(0, 5));
    fxRun(() -> area(ada).moveTo(8));
    until("carets shown", () -> !ada.node().lookupAll(".caret-tag").isEmpty());
    fxRun(() -> editor(ada).showPanel("people-tab"));
    Fx.screenshot(fx(() -> ada.node().getScene()), "editor-two-users");
    fxRun(() -> editor(ada).showPanel("history-tab"));
    until("versions listed", () -> editor(ada).history().versions().size() >= 2);
    fxRun(() -> ((ListView<?>) ada.node().lookup("#versions")).getSelectionModel().selectLast());
    // The diff sits in a ScrollPane, whose content joins the scene only once its skin exists.
    until(
        "diff shown",
        () ->
            ada.node().lookup("#version-diff") instanceof TextFlow diff
                && !diff.getChildren().isEmpty());
    Fx.screenshot(fx(() -> ada.node().getScene()), "history-diff");
    fxRun(ada::showDocuments);
    Fx.screenshot(fx(() -> ada.node().getScene()), "document-browser");
    fxRun(ada::showCluster);
    until("members", () -> !ada.workspace().cluster().members().isEmpty());
    Fx.screenshot(fx(() -> ada.node().getScene()), "cluster");
    assertThat(Fx.SCREENSHOTS.resolve("editor-two-users.png")).exists();
  }

  @Test
  void adminActionsAreDisabledForOthersAndTheThemeButtonIsRemembered() {
    fxRun(bob::showCluster);
    fxRun(ada::showCluster);
    assertThat(fx(() -> ada.node().lookup("#add-node").isDisabled())).isFalse();
    assertThat(fx(() -> ada.node().lookup("#admins-only"))).isNull();
    for (String action : List.of("#add-node", "#remove-node", "#transfer-leadership")) {
      assertThat(fx(() -> bob.node().lookup(action).isDisabled())).as(action).isTrue();
    }
    assertThat(fx(() -> ((Label) bob.node().lookup("#admins-only")).getText()))
        .isEqualTo("Only an administrator can do that.");

    String light = new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet();
    String dark = new atlantafx.base.theme.PrimerDark().getUserAgentStylesheet();
    var toggle = fx(() -> (Button) ada.node().lookup("#theme-toggle"));
    fxRun(toggle::fire);
    assertThat(ada.settings().get("theme")).contains("dark");
    assertThat(fx(javafx.application.Application::getUserAgentStylesheet)).isEqualTo(dark);
    fxRun(toggle::fire);
    assertThat(ada.settings().get("theme")).contains("light");
    assertThat(fx(javafx.application.Application::getUserAgentStylesheet)).isEqualTo(light);
  }
}
