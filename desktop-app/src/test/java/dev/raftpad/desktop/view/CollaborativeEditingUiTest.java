package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.desktop.export.DocumentPictures;
import dev.raftpad.desktop.viewmodel.DiffSegment;
import dev.raftpad.desktop.viewmodel.Headings;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import dev.raftpad.server.testing.TestImages;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.text.TextFlow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;

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
  @RegisterExtension static final TwoUsers users = TwoUsers.onNodes(3);
  TwoEditors editors;
  MainWindow ada;
  MainWindow bob;
  String documentId;
  final FxRobot robot = new FxRobot();

  @BeforeEach
  void openWindows() {
    editors = TwoEditors.open(users.cluster(), users.ada(), users.bob(), "Shared notes", "Hello\n");
    ada = editors.ada;
    bob = editors.bob;
    documentId = editors.documentId;
  }

  @AfterEach
  void closeWindows() {
    if (editors != null) {
      editors.close();
    }
  }

  /** Types {@code text} through the robot at the end (or start) of a window's area. */
  void typeAt(MainWindow window, boolean atEnd, String text) {
    EditorArea area = fx(() -> editors.area(window));
    robot.clickOn(area);
    fxRun(() -> area.moveTo(atEnd ? area.getLength() : 0));
    robot.write(text);
  }

  /**
   * Insert → Image… through the view model (a native file chooser cannot be driven headless): Ada's
   * image reaches Bob's document as its character and id, and Bob's window loads its bytes from the
   * cluster; an image past the limit is a notice and no edit.
   */
  @Test
  void anImageAdaInsertsReachesBobWhoLoadsItsBytesAndATooLargeOneIsRefused() throws Exception {
    byte[] png = TestImages.png(40, 30, java.awt.Color.BLUE);
    String id = ImageBytes.idOf(png);
    Path file = dir.resolve("sketch-" + documentId + ".png");
    java.nio.file.Files.write(file, png);
    var adaModel = fx(() -> editors.editor(ada).model());
    var bobModel = fx(() -> editors.editor(bob).model());
    fxRun(() -> editors.area(ada).moveTo(5)); // after "Hello"

    fxRun(() -> adaModel.insertImage(file));

    until(
        "Bob's document holds Ada's image",
        () -> DocumentPictures.idsIn(bobModel.document()).contains(id));
    editors.converged();
    assertThat(fx(() -> bobModel.document().text())).isEqualTo("Hello" + Images.CHARACTER + "\n");
    var loaded = new java.util.concurrent.atomic.AtomicReference<byte[]>();
    fxRun(() -> bobModel.images().load(id, data -> loaded.set(data.bytes()), message -> {}));
    until("Bob's window loaded the image", () -> loaded.get() != null);
    assertThat(loaded.get()).isEqualTo(png);
    // Drawn in Bob's text from the store, at its size (40 x 30 fits the page).
    until(
        "Bob's area draws the image",
        () ->
            editors.area(bob).lookupAll(".image-view").stream()
                .anyMatch(
                    n ->
                        n instanceof javafx.scene.image.ImageView view
                            && view.getImage() != null
                            && view.getImage().getWidth() == 40));
    Fx.resize(bob, 1280, 800);
    Fx.screenshot(fx(() -> bob.node().getScene()), "image-in-text");
    fxRun(adaModel::undo);
    until("Undo took the image out of both", () -> bobModel.document().text().equals("Hello\n"));

    Path tooLarge = dir.resolve("too-large-" + documentId + ".png");
    java.nio.file.Files.write(tooLarge, TestImages.pngOfSize(3 << 20));
    var before = fx(adaModel::document);
    Fx.resize(ada, 1280, 800); // for the screenshot; no click follows
    int noticesBefore = fx(() -> ada.workspace().notices().size());
    fxRun(() -> adaModel.insertImage(tooLarge));

    until("Ada is told", () -> ada.workspace().notices().size() > noticesBefore);
    var notice = fx(() -> ada.workspace().notices().getLast());
    assertThat(notice.title()).isEqualTo("Image not inserted");
    assertThat(notice.text())
        .isEqualTo("The image is too large: 3.0 MB, at most 2.0 MB per image.");
    assertThat(fx(adaModel::document)).isEqualTo(before);
    // ControlsFX fades a notice's text in (its labels' opacity follows the bar's transition).
    until(
        "the notice faded in",
        () ->
            noticeCard()
                .map(card -> card.lookupAll(".label").stream().allMatch(l -> l.getOpacity() >= 1))
                .orElse(false));
    Fx.screenshotWithPopups(fx(() -> ada.node().getScene()), "image-too-large-notice");
    // The card is drawn on the theme's colours: ControlsFX's own sheet asks for Modena's, which
    // the theme lacks, and left it without any background.
    javafx.scene.layout.Background card = fx(() -> noticeCard().orElseThrow().getBackground());
    assertThat(card).as("the notice's background").isNotNull();
    assertThat(card.getFills()).as("a border and a fill").hasSize(2);
  }

  /** The card of a ControlsFX notice showing in a popup (call on the FX thread). */
  private static java.util.Optional<javafx.scene.layout.Region> noticeCard() {
    return javafx.stage.Window.getWindows().stream()
        .filter(w -> w instanceof javafx.stage.PopupWindow && w.isShowing())
        .map(w -> w.getScene().getRoot().lookup(".notification-bar > .pane"))
        .filter(javafx.scene.layout.Region.class::isInstance)
        .map(javafx.scene.layout.Region.class::cast)
        .findFirst();
  }

  /**
   * A document too large to show at once ({@link RichTextEditor#LOAD_IN_PLACE}) is built in the
   * background while Ada keeps editing it: Bob's area ends equal to his session's document — text,
   * lines and paragraph styles — with every edit that arrived between the snapshot and the swap,
   * and his outline lists its headings.
   */
  @Test
  void aLargeDocumentOpenedWhileEditsArriveEndsEqualToTheModel() {
    var client = ada.workspace().client();
    Attributes h2 = Attributes.builder().heading(Heading.H2).build();
    OperationBuilder content = Operation.builder();
    int length = 0;
    for (int chapter = 0; length <= RichTextEditor.LOAD_IN_PLACE; chapter++) {
      String heading = "Chapter " + chapter;
      String paragraph = "Words about the raft log 😀 and its quorum, line " + chapter + "\n";
      content.insert(heading, Attributes.NONE).insert("\n", h2).insert(paragraph, Attributes.NONE);
      length += heading.length() + 1 + paragraph.codePointCount(0, paragraph.length());
    }
    String id = client.documents().create("Long notes", content.build()).id();
    var unused = client.sharing().setLinkAccess(id, DocumentRole.EDITOR);
    long base = client.documents().get(id).revision();
    fxRun(() -> bob.open(id));
    // Ada's edits one after the other, from before Bob's content is swapped in to after it.
    java.util.Random random = new java.util.Random(22);
    int edits = 0;
    int loadedAt = -1;
    while (edits < 300 && (loadedAt < 0 || edits < loadedAt + 5)) {
      String text = edits % 3 == 0 ? "new line\n" : "😀x";
      Operation insert = Operation.insert(random.nextInt(length + 1), text, Attributes.NONE);
      base = client.edits().submit(id, "ada-during-open", edits + 1, base, insert).revision();
      length += text.codePointCount(0, text.length());
      edits++;
      if (loadedAt < 0
          && fx(() -> bob.editor(id).map(e -> e.editor().loadedProperty().get()).orElse(false))) {
        loadedAt = edits;
      }
    }
    int expected = length;
    until(
        "Bob's area equal to his document, every edit in it",
        () ->
            bob.editor(id)
                .map(
                    e -> {
                      Document document = e.model().document();
                      EditorArea area = e.editor().area();
                      return e.model().isSynchronized()
                          && document.length() == expected
                          && e.editor().loadedProperty().get()
                          && area.getText().equals(document.text())
                          && area.getParagraphs().size() == document.lineCount();
                    })
                .orElse(false));
    fxRun(
        () -> {
          EditorView editor = bob.editor(id).orElseThrow();
          Document document = editor.model().document();
          for (int line = 0; line < document.lineCount(); line++) {
            assertThat(editor.editor().area().getParagraph(line).getParagraphStyle())
                .as("line %d's style", line)
                .isEqualTo(RichStyles.paragraph(document.lineFormat(line)));
          }
        });
    until(
        "Bob's outline lists the headings",
        () ->
            bob.editor(id)
                .map(e -> e.outline().list().getItems().equals(Headings.of(e.model().document())))
                .orElse(false));
  }

  @Test
  void twoWindowsTypingConcurrentlyEndIdentical() {
    typeAt(ada, true, "ada");
    typeAt(bob, false, "bob");
    // Both local edits in one FX pulse: neither has seen the other's when it is made.
    fxRun(
        () -> {
          editors.area(ada).insertText(0, "1");
          editors.area(bob).insertText(editors.area(bob).getLength(), "2");
        });

    editors.converged();
    String text = editors.text(ada);
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
    fxRun(() -> editors.area(ada).selectRange(0, 3));
    robot.clickOn(fx(() -> ada.node().lookup("#format-bold")));
    fxRun(() -> editors.area(ada).selectRange(0, 0));
    heading1(ada);

    until(
        "Bob's area shows it",
        () ->
            editors.area(bob).getStyleOfChar(1).contains("bold")
                && editors.area(bob).getStyleOfChar(1).contains("font-size"));
    editors.converged();
    assertThat(fx(() -> editors.editor(bob).model().document()))
        .isEqualTo(fx(() -> editors.editor(ada).model().document()));
  }

  /**
   * Key combinations that are no command of the editor (find, link, print, save...) type nothing
   * and send nothing. The one letter typed after them is the only change, in both windows.
   */
  @Test
  void combinationsWithCtrlAltOrMetaTypeNothing() {
    typeAt(ada, true, "");
    long revision = fx(() -> editors.editor(ada).model().revision());
    String before = editors.text(ada);
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
    assertThat(editors.text(ada)).isEqualTo(before);
    assertThat(fx(() -> editors.editor(ada).model().isSynchronized())).isTrue();

    robot.write("z");
    editors.converged();
    assertThat(editors.text(bob)).isEqualTo(before + "z");
    // One keystroke, one revision: nothing before it reached the server.
    assertThat(fx(() -> editors.editor(ada).model().revision())).isEqualTo(revision + 1);
    assertThat(fx(() -> editors.editor(ada).model().document().text())).isEqualTo(before + "z");
  }

  @Test
  void presenceAndRemoteCaretsAppear() {
    until(
        "Ada sees Bob in the document",
        () ->
            ((ListView<?>) ada.node().lookup("#people"))
                .getItems().stream().anyMatch(u -> u.toString().contains("Bob")));
    fxRun(() -> editors.area(bob).moveTo(2));
    until(
        "Bob's named caret at Ada's",
        () ->
            ada.node().lookupAll(".caret-tag").stream()
                .anyMatch(n -> n.isVisible() && ((Label) n).getText().equals("Bob")));
  }

  @Test
  void aLockMakesTheOtherWindowReadOnly() {
    robot.clickOn(fx(() -> ada.node().lookup("#lock-toggle")));
    until("Bob's editor is read-only", () -> !editors.area(bob).isEditable());
    assertThat(fx(() -> ((Label) bob.node().lookup("#lock-badge")).getText()))
        .startsWith("Locked by Ada until");
    String before = editors.text(bob);
    robot.clickOn(fx(() -> editors.area(bob))).write("x");
    // A refused keystroke is put back on the next pulse; the session never took it.
    until("Bob's area shows the document again", () -> editors.area(bob).getText().equals(before));
    assertThat(fx(() -> editors.editor(bob).model().document().text())).isEqualTo(before);
    assertThat(fx(() -> editors.editor(bob).model().isSynchronized())).isTrue();

    robot.clickOn(fx(() -> ada.node().lookup("#lock-toggle")));
    until("Bob may edit again", () -> editors.area(bob).isEditable());
  }

  @Test
  void historyPreviewsDiffsAndRestores() {
    typeAt(ada, true, "ada");
    editors.converged();
    typeAt(bob, false, "bob");
    editors.converged();
    fxRun(() -> editors.editor(ada).showPanel("history-tab"));
    // Newest first: Bob's version, then Ada's.
    until("both versions listed", () -> editors.editor(ada).history().versions().size() == 2);
    fxRun(() -> ((ListView<?>) ada.node().lookup("#versions")).getSelectionModel().selectLast());
    until(
        "preview and diff",
        () ->
            !((TextArea) ada.node().lookup("#version-preview")).getText().isEmpty()
                && ada.node().lookup("#version-diff") instanceof TextFlow diff
                && !diff.getChildren().isEmpty());
    String old = fx(() -> ((TextArea) ada.node().lookup("#version-preview")).getText());
    assertThat(old).contains("ada").doesNotContain("bob");
    assertThat(fx(() -> editors.editor(ada).history().diff()))
        .anyMatch(s -> s.kind() != DiffSegment.Kind.SAME);

    robot.clickOn(fx(() -> ada.node().lookup("#restore-version")));
    until("restored everywhere", () -> editors.area(bob).getText().equals(old));
    editors.converged();
  }

  /**
   * A version of a long document: the panel shows its beginning and the change, with the unchanged
   * text between cut short, not the whole text again (which held the FX thread).
   */
  @Test
  void historyOfALongDocumentShowsTheChangeNotTheWholeText() {
    var client = ada.workspace().client();
    String text = "A line that stays as it was.\n".repeat(3_000);
    String id = client.documents().create("Long history", text).id();
    var unusedAccess = client.sharing().setLinkAccess(id, DocumentRole.EDITOR);
    var bobs = bob.workspace().client();
    long revision = bobs.documents().get(id).revision();
    var unused =
        bobs.edits()
            .submit(
                id,
                "bob-history",
                1,
                revision,
                Operation.builder()
                    .retain(text.length() / 2)
                    .insert("Bob's line in the middle.\n", Attributes.NONE)
                    .build());
    fxRun(() -> ada.open(id));
    until("the long document open", () -> Fx.editorReady(ada, id));
    EditorView editor = fx(() -> ada.editor(id).orElseThrow());
    Fx.resize(ada, 1280, 800);
    showOldestVersionDiff(editor);

    var diff = fx(() -> List.copyOf(editor.history().diff()));
    assertThat(diff)
        .contains(new DiffSegment(DiffSegment.Kind.INSERTED, "Bob's line in the middle.\n"));
    assertThat(diff).filteredOn(s -> s.kind() == DiffSegment.Kind.OMITTED).hasSize(2);
    assertThat(diff.stream().mapToInt(s -> s.text().length()).sum()).isLessThan(2_000);
    assertThat(fx(() -> ((TextArea) editor.node().lookup("#version-preview")).getText()))
        .contains(
            "the first 20,000 of " + String.format(java.util.Locale.ROOT, "%,d", text.length()));
    Fx.screenshot(fx(() -> ada.node().getScene()), "history-diff-long");
  }

  @Test
  void typingContinuesThroughALeaderKill() throws Exception {
    typeAt(ada, true, "before ");
    String leader = users.cluster().leaderId();
    users.cluster().stopNode(leader);
    try {
      fxRun(
          () -> {
            editors.area(ada).insertText(editors.area(ada).getLength(), "during-a ");
            editors.area(bob).insertText(0, "during-b ");
          });
      robot.write("after");

      editors.converged();
      assertThat(editors.text(bob)).contains("before ", "during-a ", "during-b ", "after");
    } finally {
      // The next test starts with all three nodes again.
      users.cluster().startNode(leader);
    }
  }

  @Test
  void screenshots() {
    typeAt(ada, true, "Raft keeps the logs consistent.\n");
    editors.converged();
    fxRun(() -> editors.area(ada).selectRange(0, 5));
    heading1(ada);
    typeAt(bob, true, "Bob was here.");
    editors.converged();
    Fx.resize(ada, 1280, 860);
    fxRun(() -> editors.area(bob).selectRange(0, 5));
    fxRun(() -> editors.area(ada).moveTo(8));
    until("carets shown", () -> !ada.node().lookupAll(".caret-tag").isEmpty());
    fxRun(() -> editors.editor(ada).showPanel("people-tab"));
    Fx.screenshot(fx(() -> ada.node().getScene()), "editor-two-users");
    showOldestVersionDiff(fx(() -> editors.editor(ada)));
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

  /**
   * Shows {@code editor}'s History panel and chooses the oldest of at least two versions, until its
   * diff is laid out.
   */
  static void showOldestVersionDiff(EditorView editor) {
    fxRun(() -> editor.showPanel("history-tab"));
    until("two versions listed", () -> editor.history().versions().size() >= 2);
    fxRun(() -> ((ListView<?>) editor.node().lookup("#versions")).getSelectionModel().selectLast());
    // The diff sits in a ScrollPane, whose content joins the scene only once its skin exists.
    until(
        "the diff shown",
        () ->
            editor.node().lookup("#version-diff") instanceof TextFlow diff
                && !diff.getChildren().isEmpty());
  }
}
