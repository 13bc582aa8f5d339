package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.BlockStyle;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import dev.raftpad.server.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The editor's shell a word processor's user expects, in real windows on a real three-node cluster:
 * find and replace (Replace all merging with the other window's typing), undo by words, the context
 * menu, the outline, zoom, the status bar's counts, the header's avatars, the menus, spell checking
 * as you type and paste from other applications. Each test opens a new document in two new windows;
 * the order is random.
 */
@TestMethodOrder(MethodOrderer.Random.class)
class EditorShellUiTest {
  static final String TEXT = "The cat sat on the cat mat with a cat.\n";

  @TempDir static Path dir;
  @RegisterExtension static final TwoUsers users = TwoUsers.onNodes(3).withAdaNamed("Ada Lovelace");
  TwoEditors editors;
  MainWindow ada;
  MainWindow bob;
  String documentId;
  final FxRobot robot = new FxRobot();

  @BeforeEach
  void openWindows() {
    editors = TwoEditors.open(users.cluster(), users.ada(), users.bob(), "Shell", TEXT);
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

  static Node node(MainWindow window, String selector) {
    return window.node().lookup(selector);
  }

  /**
   * Clicks into the area and puts the caret at {@code position} (UTF-16 = code points here). The
   * window is focused first: Monocle sends the robot's keys to the focused window, which a click
   * alone does not change (the window opened last keeps it).
   */
  void caretAt(MainWindow window, int position) {
    javafx.stage.Stage stage = fx(() -> (javafx.stage.Stage) window.node().getScene().getWindow());
    fxRun(
        () -> {
          stage.toFront();
          stage.requestFocus();
        });
    until("the window has the keyboard", stage::isFocused);
    EditorArea area = fx(() -> editors.area(window));
    robot.clickOn(area);
    fxRun(() -> area.moveTo(position));
  }

  @Test
  void replaceAllIsOneEditThatMergesWithTheOtherWindowsTyping() {
    caretAt(ada, 0);
    robot.push(KeyCode.CONTROL, KeyCode.F);
    until(
        "the find bar is open with the focus in its field",
        () -> editors.editor(ada).findBar().isOpen() && node(ada, "#find-field").isFocused());
    robot.write("cat");
    until(
        "three matches counted and highlighted",
        () ->
            ((Label) node(ada, "#find-count")).getText().equals("1 of 3")
                && editors.editor(ada).findBar().highlights().drawnCount() == 3);
    // Highlights are an overlay: the document is unchanged, and so is Bob's.
    assertThat(editors.text(ada)).isEqualTo(TEXT);
    assertThat(fx(() -> editors.area(ada).getSelectedText())).isEqualTo("cat");

    robot.push(KeyCode.ENTER);
    until("the second match", () -> ((Label) node(ada, "#find-count")).getText().equals("2 of 3"));
    assertThat(fx(() -> editors.area(ada).getSelection().getStart()))
        .isEqualTo(TEXT.indexOf("cat", 5));
    robot.push(KeyCode.SHIFT, KeyCode.ENTER);
    until("back to the first", () -> ((Label) node(ada, "#find-count")).getText().equals("1 of 3"));
    robot.push(KeyCode.F3);
    until("F3 goes on", () -> ((Label) node(ada, "#find-count")).getText().equals("2 of 3"));

    robot.push(KeyCode.CONTROL, KeyCode.H);
    until("the replace row", () -> Fx.showing(node(ada, "#replace-field")));
    robot.clickOn(fx(() -> node(ada, "#replace-field")));
    robot.write("dog");
    assertThat(fx(() -> ((TextField) node(ada, "#replace-field")).getText())).isEqualTo("dog");

    // Bob types while Ada replaces all: in one FX pulse, neither edit has seen the other.
    fxRun(
        () -> {
          editors.area(bob).insertText(0, "Bob: ");
          ((Button) node(ada, "#replace-all")).fire();
        });
    editors.converged();
    assertThat(editors.text(ada)).isEqualTo("Bob: The dog sat on the dog mat with a dog.\n");
    assertThat(editors.text(bob)).isEqualTo(editors.text(ada));
    until("no match left", () -> ((Label) node(ada, "#find-count")).getText().equals("No results"));

    // One undo step takes back all three replacements, and never Bob's typing.
    caretAt(ada, 0);
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    editors.converged();
    assertThat(editors.text(bob)).isEqualTo("Bob: " + TEXT);
  }

  /**
   * A word on every line of a long document: every match is counted, only those on screen are drawn
   * (drawing them all held the FX thread), and scrolling to the end draws the last ones.
   */
  @Test
  void findDrawsTheMatchesOnScreenAndFollowsTheScroll() {
    int lines = 400;
    String text = "A line about a cat.\n".repeat(lines);
    var client = ada.workspace().client();
    String id = client.documents().create("Many cats", text).id();
    fxRun(() -> ada.open(id));
    until("the long document open", () -> Fx.editorReady(ada, id));
    EditorView editor = fx(() -> ada.editor(id).orElseThrow());
    EditorArea area = fx(() -> editor.editor().area());
    fxRun(
        () -> {
          area.selectRange(text.indexOf("cat"), text.indexOf("cat") + 3);
          editor.command("find");
        });
    FindHighlights highlights = fx(() -> editor.findBar().highlights());
    until(
        "every match counted, the first ones drawn",
        () ->
            ((Label) editor.node().lookup("#find-count")).getText().equals("1 of " + lines)
                && highlights.drawnMatches().contains(0));
    assertThat(fx(highlights::drawnCount)).as("only the lines on screen").isBetween(1, lines / 4);

    fxRun(() -> area.showParagraphAtBottom(lines - 1));
    until(
        "the last match drawn once it is on screen",
        () -> highlights.drawnMatches().contains(lines - 1));
    assertThat(fx(highlights::drawnMatches)).as("the first ones are gone").doesNotContain(0);
    assertThat(fx(highlights::drawnCount)).isBetween(1, lines / 4);
  }

  @Test
  void undoTakesBackTheLastWordNotTheLastLetter() {
    caretAt(ada, TEXT.length() - 1);
    robot.write(" one two");
    until("typed", () -> editors.area(ada).getText().equals(TEXT.strip() + " one two\n"));
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    until(
        "the last word undone", () -> editors.area(ada).getText().equals(TEXT.strip() + " one \n"));
    editors.converged();
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    // The space typed before "one" after moving the caret is a group of its own.
    until("the word before", () -> editors.area(ada).getText().equals(TEXT.strip() + " \n"));
    editors.converged();
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.Z);
    until("redone as a word", () -> editors.area(ada).getText().equals(TEXT.strip() + " one \n"));
    editors.converged();
  }

  /** Opens the context menu by {@code open} and clicks {@code item} in it like a user does. */
  void chooseFromContextMenu(Runnable open, String item) {
    ContextMenu menu = fx(() -> editors.area(ada).getContextMenu());
    open.run();
    until("the context menu is open", menu::isShowing);
    Node label =
        robot
            .lookup(".context-menu")
            .lookup((Label l) -> item.equals(l.getText()))
            .queryAs(Label.class);
    robot.clickOn(label);
    until("the context menu closed", () -> !menu.isShowing());
  }

  /**
   * What a right-click sends the area (Monocle's robot makes no context-menu event of its
   * right-click; the platform does).
   */
  void rightClick() {
    fxRun(
        () -> {
          var area = editors.area(ada);
          var at = area.localToScreen(area.getWidth() / 2, 20);
          javafx.event.Event.fireEvent(
              area,
              new javafx.scene.input.ContextMenuEvent(
                  javafx.scene.input.ContextMenuEvent.CONTEXT_MENU_REQUESTED,
                  area.getWidth() / 2,
                  20,
                  at.getX(),
                  at.getY(),
                  false,
                  null));
        });
  }

  @Test
  void theContextMenuCutsAndPastes() {
    caretAt(ada, 0);
    fxRun(() -> editors.area(ada).selectRange(0, 4)); // "The "
    // From the keyboard (Shift+F10), at the caret.
    chooseFromContextMenu(() -> robot.push(KeyCode.SHIFT, KeyCode.F10), "Cut");
    until("cut", () -> editors.area(ada).getText().equals(TEXT.substring(4)));
    editors.converged();

    caretAt(ada, 0);
    fxRun(() -> editors.area(ada).moveTo(editors.area(ada).getLength() - 1));
    chooseFromContextMenu(this::rightClick, "Paste");
    until(
        "pasted at the end",
        () -> editors.area(ada).getText().equals(TEXT.substring(4).strip() + "The \n"));
    editors.converged();
    assertThat(editors.text(bob)).isEqualTo(editors.text(ada));
  }

  /** Makes lines headings through the view model, as the toolbar does. */
  void heading(MainWindow window, int position, BlockStyle style) {
    fxRun(
        () -> {
          editors.editor(window).model().selectionChanged(Selection.caret(position));
          editors.editor(window).model().toggle(style);
        });
  }

  @Test
  void theOutlineListsHeadingsAndJumpsToThem() {
    caretAt(ada, TEXT.length());
    robot.write("Details\nMore text here.\n");
    until("typed", () -> editors.area(ada).getText().endsWith("More text here.\n"));
    heading(ada, 0, BlockStyle.H1);
    heading(ada, TEXT.length(), BlockStyle.H2);
    // A 950 px window leaves the page too little room: the outline starts folded.
    assertThat(fx(() -> node(bob, "#outline-unfold").isVisible())).isTrue();
    robot.clickOn(fx(() -> node(bob, "#outline-unfold")));
    until(
        "Bob's outline lists both headings",
        () -> ((ListView<?>) node(bob, "#outline")).getItems().size() == 2);

    fxRun(() -> editors.area(bob).moveTo(0));
    javafx.scene.Scene bobsScene = fx(() -> bob.node().getScene());
    Node details =
        robot
            .lookup("#outline")
            .lookup((javafx.scene.control.ListCell<?> c) -> "Details".equals(c.getText()))
            .match(n -> bobsScene.equals(n.getScene()))
            .query();
    robot.clickOn(details);
    until(
        "Bob's caret at the heading",
        () ->
            editors.area(bob).getCurrentParagraph() == 1
                && editors.area(bob).getCaretColumn() == 0);
  }

  @Test
  void zoomKeysScaleThePageBetween50And200Percent() {
    caretAt(ada, 0);
    Label zoom = fx(() -> (Label) node(ada, "#status-zoom"));
    double lineHeight =
        fx(() -> editors.area(ada).getParagraphBoundsOnScreen(0).orElseThrow().getHeight());
    robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
    robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
    until("zoomed to 125 %", () -> zoom.getText().equals("125 %"));
    until(
        "the text is larger",
        () ->
            editors.area(ada).getParagraphBoundsOnScreen(0).orElseThrow().getHeight()
                > lineHeight * 1.15);
    for (int i = 0; i < 12; i++) {
      robot.push(KeyCode.CONTROL, KeyCode.MINUS);
    }
    until("no smaller than 50 %", () -> zoom.getText().equals("50 %"));
    robot.push(KeyCode.CONTROL, KeyCode.DIGIT0);
    until("back to 100 %", () -> zoom.getText().equals("100 %"));
    // Zoom is a view: nothing was typed or sent.
    assertThat(editors.text(ada)).isEqualTo(TEXT);
    // The text sits on a sheet: the page colour spans the column and its margins, the canvas
    // colour is beside it.
    until(
        "the sheet spans the column and its margins",
        () -> {
          var area = editors.area(ada);
          var fills = area.getBackground().getFills();
          double sheet = Math.max(0, area.getPadding().getLeft() - PageView.PAGE_MARGIN);
          return fills.size() == 3
              && Math.abs(fills.get(2).getInsets().getLeft() - sheet) < 0.5
              && !fills.get(0).getFill().equals(fills.get(2).getFill());
        });

    // Remembered for the user: the next document Ada opens starts at her zoom.
    robot.push(KeyCode.CONTROL, KeyCode.EQUALS);
    until("zoomed to 110 %", () -> zoom.getText().equals("110 %"));
    String other = ada.workspace().client().documents().create("Zoomed", "x\n").id();
    fxRun(() -> ada.open(other));
    until(
        "the other document opens at 110 %",
        () ->
            ada.editor(other)
                .map(
                    e ->
                        e.page().zoomProperty().get() == 110
                            // the status bar is in the scene once the editor has been laid out
                            && e.node().lookup("#status-zoom") instanceof Label shown
                            && shown.getText().equals("110 %"))
                .orElse(false));
  }

  @Test
  void theStatusBarCountsWordsOfTheTextAndOfTheSelection() {
    var status = fx(() -> (org.controlsfx.control.StatusBar) node(ada, "#status-bar"));
    until("counted", () -> status.getText().equals("10 words, 38 characters"));
    caretAt(bob, TEXT.length() - 1);
    robot.write(" Indeed");
    until(
        "Ada's count follows Bob's typing",
        () -> status.getText().equals("11 words, 45 characters"));
    fxRun(() -> editors.area(ada).selectRange(0, 7));
    until("of the selection", () -> status.getText().equals("2 of 11 words, 7 of 45 characters"));
    until(
        "who is here",
        () ->
            ((Label) node(ada, "#status-people")).getText().equals("Ada Lovelace, Bob")
                || ((Label) node(ada, "#status-people")).getText().equals("Bob, Ada Lovelace"));
  }

  @Test
  void headerAvatarsShowWhoIsHereAndJumpToTheirCaret() {
    until(
        "Ada sees both avatars",
        () ->
            ((javafx.scene.layout.HBox) node(ada, "#presence-avatars")).getChildren().size() == 2);
    Button bobs = fx(() -> (Button) node(ada, "#avatar-" + users.bob().username()));
    assertThat(fx(bobs::getText)).isEqualTo("B");
    assertThat(fx(() -> bobs.getTooltip().getText())).startsWith("Bob");
    assertThat(fx(() -> ((Button) node(ada, "#avatar-" + users.ada().username())).getText()))
        .isEqualTo("AL");
    fxRun(() -> editors.area(bob).moveTo(15));
    until(
        "Bob's caret reached Ada",
        () ->
            editors.editor(ada).model().carets().stream()
                .anyMatch(c -> c.selection().head() == 15));
    // Bob has typed nothing: his caret is named from its own event, not "Someone".
    assertThat(fx(() -> editors.editor(ada).model().carets()))
        .extracting(c -> c.user().displayName())
        .containsExactly("Bob");
    // Ada and Bob are each shown in a colour of their own (whether or not the server gave them
    // one colour: PeopleColoursTest has the rule), and Bob's caret wears his avatar's.
    String adasStyle =
        fx(() -> ((Button) node(ada, "#avatar-" + users.ada().username())).getStyle());
    String bobsStyle = fx(bobs::getStyle);
    assertThat(bobsStyle).isNotEqualTo(adasStyle);
    assertThat(
            fx(
                () ->
                    node(ada, "#presence-avatars")
                        .getScene()
                        .getRoot()
                        .lookupAll(".caret-tag")
                        .stream()
                        .map(javafx.scene.Node::getStyle)
                        .toList()))
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains(bobsStyle.replace("-fx-background-color: ", "").replace(";", ""));
    robot.clickOn(bobs);
    until("Ada's caret went to Bob's", () -> editors.area(ada).getCaretPosition() == 15);
  }

  @Test
  void theMenusCarryTheShortcutsAndHelpListsThemAll() {
    MenuBar bar = fx(() -> (MenuBar) node(ada, "#menu-bar"));
    MenuItem find =
        fx(
            () ->
                bar.getMenus().stream()
                    .flatMap(m -> m.getItems().stream())
                    .filter(i -> "menu-find".equals(i.getId()))
                    .findFirst()
                    .orElseThrow());
    assertThat(fx(find::getAccelerator)).isEqualTo(EditorKeys.keysOf("find").orElseThrow());
    fxRun(find::fire);
    until("the menu opened the find bar", () -> editors.editor(ada).findBar().isOpen());

    caretAt(ada, 0);
    robot.push(KeyCode.CONTROL, KeyCode.SLASH);
    until(
        "the shortcuts sheet lists every shortcut",
        () ->
            Window.getWindows().stream()
                .map(w -> w.getScene().lookup("#shortcuts-table"))
                .anyMatch(
                    t ->
                        t instanceof javafx.scene.layout.GridPane g
                            && g.getChildren().size() == 2 * EditorKeys.SHORTCUTS.size()));
  }

  @Test
  void misspelledWordsAreUnderlinedAndCorrectedFromTheContextMenu() {
    SpellingUnderlines underlines = fx(() -> editors.editor(ada).underlines());
    caretAt(ada, TEXT.length() - 1);
    robot.write(" speling");
    until("the misspelled word is underlined", () -> underlines.drawnCount() == 1);

    // Shift+F10 with the caret just after the word: its suggestions come first.
    ContextMenu menu = fx(() -> editors.area(ada).getContextMenu());
    robot.push(KeyCode.SHIFT, KeyCode.F10);
    until("the context menu is open", menu::isShowing);
    assertThat(fx(() -> menu.getItems().get(0).getText())).isEqualTo("spelling");
    assertThat(fx(() -> menu.getItems().stream().map(MenuItem::getId).toList()))
        .contains("spelling-add", "spelling-ignore", "context-cut");
    robot.clickOn(
        robot
            .lookup(".context-menu")
            .lookup((Label l) -> "spelling".equals(l.getText()))
            .queryAs(Label.class));
    until("corrected", () -> editors.area(ada).getText().equals(TEXT.strip() + " spelling\n"));
    editors.converged();
    assertThat(editors.text(bob)).isEqualTo(TEXT.strip() + " spelling\n");
    until("nothing underlined", () -> underlines.drawnCount() == 0);
    // One edit: one Undo takes the correction back.
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    until("undone", () -> editors.area(ada).getText().equals(TEXT.strip() + " speling\n"));
    until("underlined again", () -> underlines.drawnCount() == 1);

    // Tools → Spelling off: no underlines, and the switch is remembered for this user.
    var spelling = (javafx.scene.control.CheckMenuItem) fx(() -> menuItem(ada, "menu-spelling"));
    assertThat(fx(spelling::isSelected)).isTrue();
    fxRun(() -> spelling.setSelected(false)); // what a click on the checked item does
    until("spelling off, nothing underlined", () -> underlines.drawnCount() == 0);
    assertThat(
            new dev.raftpad.desktop.settings.SpellingPreferences(
                    ada.settings(), fx(() -> ada.workspace().me().id()))
                .enabled())
        .isFalse();
    fxRun(() -> spelling.setSelected(true));
    until("on again", () -> underlines.drawnCount() == 1);

    // The context menu over the underlined word, for the README (1280×800).
    Fx.resize(ada, 1280, 800);
    fxRun(
        () -> {
          var area = editors.area(ada);
          area.moveTo(area.getText().indexOf("speling") + 3);
          editors.editor(ada).command("context-menu");
        });
    until("the context menu shows", menu::isShowing);
    until("the word is underlined in the resized window", () -> underlines.drawnCount() == 1);
    WaitForAsyncUtils.waitForFxEvents();
    Fx.screenshotWithPopups(fx(() -> ada.node().getScene()), "spelling-suggestions");
    fxRun(menu::hide);
  }

  @Test
  void theSpellingLanguageIsTheUsersChoiceAndEveryEditorChecksAgainWithIt() {
    SpellingUnderlines underlines = fx(() -> editors.editor(ada).underlines());
    caretAt(ada, TEXT.length() - 1);
    robot.write(" colour");
    until("'colour' is underlined in US English", () -> underlines.drawnCount() == 1);

    // Tools → Spelling language → English (UK): the same word is spelled right there.
    fxRun(() -> dictionaryItem(ada, "en_GB").fire());
    until("nothing underlined in UK English", () -> underlines.drawnCount() == 0);
    assertThat(
            new dev.raftpad.desktop.settings.SpellingPreferences(
                    ada.settings(), fx(() -> ada.workspace().me().id()))
                .dictionary())
        .as("remembered for this user")
        .isEqualTo("en_GB");
    assertThat(fx(() -> ((RadioMenuItem) dictionaryItem(ada, "en_GB")).isSelected())).isTrue();

    fxRun(() -> dictionaryItem(ada, "en_US").fire());
    until("underlined again in US English", () -> underlines.drawnCount() == 1);
    assertThat(fx(() -> ((RadioMenuItem) dictionaryItem(ada, "en_GB")).isSelected())).isFalse();

    // The Tools menu with its Spelling language item, for a look at it (1280×800).
    Fx.resize(ada, 1280, 800);
    var languages = (javafx.scene.control.Menu) fx(() -> menuItem(ada, "menu-spelling-language"));
    fxRun(() -> languages.getParentMenu().show());
    until("the Tools menu is open", () -> languages.getParentMenu().isShowing());
    WaitForAsyncUtils.waitForFxEvents();
    Fx.screenshotWithPopups(fx(() -> ada.node().getScene()), "spelling-language");
    fxRun(() -> languages.getParentMenu().hide());
  }

  /** Tools → Spelling language → the item of dictionary {@code code}. */
  private static MenuItem dictionaryItem(MainWindow window, String code) {
    javafx.scene.control.Menu languages =
        (javafx.scene.control.Menu) menuItem(window, "menu-spelling-language");
    return languages.getItems().stream()
        .filter(i -> ("menu-dictionary-" + code).equals(i.getId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void pasteFromAnotherApplicationKeepsItsFormattingUnlessAskedNotTo() {
    String html =
        "<meta charset='utf-8'><p>Plain <b>bold</b> <a href='https://raftpad.dev'>site</a>"
            + " <a href='javascript:alert(1)'>trap</a><script>alert(2)</script></p>"
            + "<ul><li>item</li></ul>";
    fxRun(
        () -> {
          var content = new javafx.scene.input.ClipboardContent();
          content.putHtml(html);
          content.putString("Plain bold site trap\nitem");
          javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
        });
    caretAt(ada, 0);
    robot.push(KeyCode.CONTROL, KeyCode.V);
    until("pasted", () -> editors.area(ada).getText().startsWith("Plain bold site trap\nitem\n"));
    editors.converged();
    var runs = fx(() -> editors.editor(bob).model().document().runs());
    var bold = dev.raftpad.document.op.Attributes.builder().bold(true).build();
    var link = dev.raftpad.document.op.Attributes.builder().link("https://raftpad.dev").build();
    var bullet =
        dev.raftpad.document.op.Attributes.builder()
            .list(dev.raftpad.document.op.ListKind.BULLET)
            .build();
    assertThat(runs)
        .contains(
            new dev.raftpad.document.text.Run("bold", bold),
            new dev.raftpad.document.text.Run("site", link),
            new dev.raftpad.document.text.Run("\n", bullet));
    assertThat(runs.stream().filter(r -> r.text().contains("trap")).toList())
        .allMatch(r -> r.attributes().link() == null);
    assertThat(editors.text(bob)).doesNotContain("alert");

    // Ctrl+Shift+V: the text only, taking the formatting around the caret (plain here).
    fxRun(() -> editors.area(ada).moveTo(editors.area(ada).getLength() - 1));
    robot.push(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.V);
    until("pasted as text", () -> editors.area(ada).getText().endsWith("trap\nitem\n"));
    editors.converged();
    var after = fx(() -> editors.editor(ada).model().document());
    int at = after.length() - "Plain bold site trap\nitem\n".length();
    assertThat(after.runs(at, after.length() - at))
        .allMatch(r -> r.attributes().bold() == null && r.attributes().link() == null);
  }

  /** The document's runs in [from, from + count) as a document of their own. */
  static Document passage(Document document, int from, int count) {
    var content = Operation.builder();
    for (Run run : document.runs(from, count)) {
      content.insert(run.text(), run.attributes());
    }
    return Document.fromContent(content.build());
  }

  /** Ada's editor of {@code id}, on screen and live; on the FX thread inside {@code until}. */
  boolean open(String id) {
    return ada.editor(id)
        .map(e -> Fx.showing(e.editor().area()) && e.model().isSynchronized())
        .orElse(false);
  }

  /** Whether Ada's editor of {@code id} is the tab in front; on the FX thread. */
  boolean inFront(String id) {
    return ada.current().map(e -> e.model().documentId().equals(id)).orElse(false);
  }

  @Test
  void aPassageCopiedWithItsImagePastesWholeIntoAnotherDocumentAndOneUndoTakesItOut() {
    var client = ada.workspace().client();
    byte[] png = TestImages.png(160, 90, java.awt.Color.ORANGE);
    String imageId = client.images().add(documentId, "image/png", png);
    Operation formatted =
        Operation.builder()
            .insert("Notes")
            .insert("\n", Attributes.builder().heading(Heading.H1).build())
            .insert("Bold", Attributes.builder().bold(true).build())
            .insert(" and a ")
            .insert("site", Attributes.builder().link("https://raftpad.dev").build())
            .insert(" ")
            .insert(Images.CHARACTER, Attributes.builder().image(imageId).build())
            .insert("\n")
            .build();
    int length = Document.fromContent(formatted).length();
    editors.edit(ada, formatted);
    editors.converged();
    String target = client.documents().create("Target", "Before.\n").id();
    fxRun(() -> ada.open(target));
    until("the target document open", () -> open(target));
    fxRun(() -> ada.open(documentId)); // the source's tab in front again
    until("the source in front", () -> open(documentId) && inFront(documentId));
    fxRun(() -> Clipboard.getSystemClipboard().clear());

    caretAt(ada, 0);
    fxRun(() -> editors.area(ada).selectRange(0, length));
    robot.push(KeyCode.CONTROL, KeyCode.C);
    // Other applications get text without the image's character, and HTML with its bytes.
    String embedded = "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    until(
        "copied, the HTML with the image once its bytes are there",
        () ->
            Clipboard.getSystemClipboard().hasContent(ClipboardCopy.PASSAGE)
                && Clipboard.getSystemClipboard().hasHtml()
                && Clipboard.getSystemClipboard().getHtml().contains(embedded));
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString()))
        .isEqualTo("Notes\nBold and a site \n");

    fxRun(() -> ada.open(target));
    until("the target in front", () -> open(target) && inFront(target));
    EditorArea targetArea = fx(() -> ada.editor(target).orElseThrow().editor().area());
    robot.clickOn(targetArea);
    fxRun(() -> targetArea.moveTo(0));
    robot.push(KeyCode.CONTROL, KeyCode.V);

    var targetModel = fx(() -> ada.editor(target).orElseThrow().model());
    until(
        "pasted and confirmed",
        () -> targetModel.isSynchronized() && targetModel.document().length() == length + 8);
    Document pasted = fx(targetModel::document);
    // Exactly the passage: heading, bold, link and the image with its id; the text after it kept.
    assertThat(passage(pasted, 0, length)).isEqualTo(Document.fromContent(formatted));
    assertThat(pasted.text(length, 8)).isEqualTo("Before.\n");
    // The target's own store has the image (the server took the edit only because of that).
    assertThat(client.images().get(target, imageId).bytes()).isEqualTo(png);
    assertThat(ImageBytes.idOf(png)).isEqualTo(imageId);
    assertThat(client.documents().get(target).content()).isEqualTo(pasted);

    Fx.resize(ada, 1280, 800);
    until(
        "the pasted image drawn",
        () ->
            targetArea.lookupAll(".image-view").stream()
                .anyMatch(
                    n ->
                        n instanceof javafx.scene.image.ImageView view
                            && view.getImage() != null
                            && view.getImage().getWidth() == 160));
    fxRun(() -> targetArea.moveTo(length));
    WaitForAsyncUtils.waitForFxEvents();
    Fx.screenshot(fx(() -> ada.node().getScene()), "paste-with-image");

    // One Undo takes back the whole paste; the source is untouched.
    robot.push(KeyCode.CONTROL, KeyCode.Z);
    until(
        "the paste undone",
        () -> targetModel.isSynchronized() && targetModel.document().text().equals("Before.\n"));
    assertThat(fx(() -> passage(editors.editor(ada).model().document(), 0, length)))
        .isEqualTo(Document.fromContent(formatted));
  }

  @Test
  void aLongPassageIsOnTheClipboardAtOnceAsTextAndItsHtmlFollowsUnlessSomethingElseWasCopied() {
    String line = "A line of a long passage, with words and more words.\n";
    String longText = line.repeat(ClipboardCopy.HTML_IN_PLACE_LIMIT / line.length() + 10);
    editors.edit(
        ada,
        Operation.builder()
            .insert("Bold start", Attributes.builder().bold(true).build())
            .insert(longText)
            .build());
    editors.converged();
    EditorView editor = fx(() -> editors.editor(ada));
    String whole = fx(() -> editor.model().document().text());
    assertThat(whole.length()).isGreaterThan(ClipboardCopy.HTML_IN_PLACE_LIMIT);
    fxRun(() -> Clipboard.getSystemClipboard().clear());

    // Raftpad's own form and the text are there at once, in the same turn as the copy.
    List<Object> atOnce =
        fx(
            () -> {
              editors.area(ada).selectAll();
              editor.command("copy");
              return List.of(
                  Clipboard.getSystemClipboard().hasContent(ClipboardCopy.PASSAGE),
                  Clipboard.getSystemClipboard().getString());
            });
    assertThat(atOnce).containsExactly(true, whole);
    until(
        "the HTML added",
        () ->
            Clipboard.getSystemClipboard().hasHtml()
                && Clipboard.getSystemClipboard().getHtml().contains("<strong>Bold start</strong>")
                && Clipboard.getSystemClipboard().getHtml().contains("more words."));
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo(whole);

    // A short copy right after a long one: the long one's HTML, built later, must not replace it.
    fxRun(
        () -> {
          editors.area(ada).selectAll();
          editor.command("copy");
          editors.area(ada).selectRange(0, 4);
          editor.command("copy");
        });
    java.util.concurrent.CompletableFuture<Boolean> analysed =
        new java.util.concurrent.CompletableFuture<>();
    // The analysis thread runs in order, and its answers reach the FX thread in order.
    fxRun(() -> editor.model().threads().compute(() -> true, analysed::complete, e -> {}));
    until("the long copy's HTML built and handled", analysed::isDone);
    assertThat(fx(() -> Clipboard.getSystemClipboard().getString())).isEqualTo("Bold");
    assertThat(fx(() -> Clipboard.getSystemClipboard().getHtml()))
        .contains("Bold")
        .doesNotContain("more words");
  }

  @Test
  void pastedHtmlImagesAreStoredAndAnOversizedOneIsLeftOutWithANotice() {
    byte[] small = TestImages.png(30, 20, java.awt.Color.GREEN);
    byte[] oversized = TestImages.pngOfSize(3 << 20);
    String html =
        "<p>Look: <img src='data:image/png;base64,"
            + Base64.getEncoder().encodeToString(small)
            + "'> and <img src='data:image/png;base64,"
            + Base64.getEncoder().encodeToString(oversized)
            + "'> <img src='https://raftpad.dev/pixel.png'>end</p>";
    fxRun(
        () -> {
          var content = new javafx.scene.input.ClipboardContent();
          content.putHtml(html);
          content.putString("Look: and end");
          Clipboard.getSystemClipboard().setContent(content);
        });
    int noticesBefore = fx(() -> ada.workspace().notices().size());
    caretAt(ada, 0);
    robot.push(KeyCode.CONTROL, KeyCode.V);

    until("Ada is told", () -> ada.workspace().notices().size() > noticesBefore);
    var notice = fx(() -> ada.workspace().notices().getLast());
    assertThat(notice.title()).isEqualTo("Image not pasted");
    assertThat(notice.text())
        .isEqualTo(
            "The image is too large: 3.0 MB, at most 2.0 MB per image. The rest was pasted.");
    // The text and the small image went in; the URL's image was never fetched.
    String expected = "Look: " + Images.CHARACTER + " and  end" + TEXT;
    until("pasted", () -> editors.area(ada).getText().equals(expected));
    editors.converged();
    var runs = fx(() -> editors.editor(bob).model().document().runs());
    assertThat(runs)
        .contains(
            new Run(Images.CHARACTER, Attributes.builder().image(ImageBytes.idOf(small)).build()));
    assertThat(ada.workspace().client().images().get(documentId, ImageBytes.idOf(small)).bytes())
        .isEqualTo(small);
  }

  @Test
  void anImportedFileOpensAsANewDocumentInTheEditor() throws Exception {
    Path file = dir.resolve("Meeting notes.md");
    Files.writeString(file, "# Agenda\n\nFirst **point**\n");
    fxRun(() -> ada.importFile(file));
    until(
        "the imported document in front, with its text",
        () ->
            ada.current()
                .map(
                    e ->
                        e.model().titleProperty().get().equals("Meeting notes")
                            && Fx.showing(e.editor().area())
                            && e.editor().area().getText().startsWith("Agenda\n")
                            && e.editor().area().getText().contains("First point"))
                .orElse(false));
    var imported = fx(() -> ada.current().orElseThrow().model().document());
    assertThat(imported.lineFormat(0).heading()).isEqualTo(Heading.H1);
  }

  @Test
  void printWithoutAPrinterSaysSoAndDoesNothingElse() {
    // Where a printer is set up (a user's machine, CI's installer step), DocumentPrintIT prints.
    org.junit.jupiter.api.Assumptions.assumeTrue(
        fx(() -> javafx.print.Printer.getDefaultPrinter()) == null, "a printer is set up here");
    assertThat(fx(() -> menuItem(ada, "menu-print").getAccelerator()))
        .isEqualTo(EditorKeys.keysOf("print").orElseThrow());
    caretAt(ada, 0);
    robot.push(KeyCode.CONTROL, KeyCode.P);
    until(
        "Ada is told there is no printer",
        () ->
            ada.workspace().notices().stream()
                .anyMatch(n -> n.title().equals(DocumentPrint.NO_PRINTER)));
    assertThat(editors.text(ada)).isEqualTo(TEXT);
    assertThat(
            fx(
                () ->
                    ada.workspace().notices().stream()
                        .filter(n -> n.title().equals(DocumentPrint.NO_PRINTER))
                        .count()))
        .isEqualTo(1);
  }

  /** The unnamed controls of {@code window}'s scene, for the failure message. */
  static List<String> unnamed(String screen, javafx.scene.Scene scene) {
    return fx(() -> AccessibleNames.unnamed(scene.getRoot())).stream()
        .map(u -> screen + ": " + u)
        .toList();
  }

  @Test
  void everyControlHasANameTabReachesEveryToolAndTheTextAndFocusShows() {
    Fx.resize(ada, 1280, 800); // every toolbar item on screen, none in an overflow menu
    List<String> unnamed = new ArrayList<>();
    Stage signIn =
        fx(
            () -> {
              Stage stage = new Stage();
              var unused = Fx.app().showSignIn(stage);
              return stage;
            });
    try {
      unnamed.addAll(unnamed("sign-in", fx(signIn::getScene)));
    } finally {
      fxRun(signIn::close);
    }
    javafx.scene.Scene scene = fx(() -> ada.node().getScene());
    fxRun(ada::showDocuments);
    until("the browser shows", () -> Fx.showing(scene.lookup("#documents")));
    unnamed.addAll(unnamed("browser", scene));
    fxRun(() -> ada.open(documentId));
    for (String panel : List.of("people-tab", "history-tab", "ai-tab")) {
      fxRun(() -> editors.editor(ada).showPanel(panel));
      WaitForAsyncUtils.waitForFxEvents();
      unnamed.addAll(unnamed("editor with " + panel, scene));
    }
    assertThat(unnamed).isEmpty();

    // Tab from the first tool walks every tool of both rows to the text; Shift+Tab walks back.
    caretAt(ada, 0);
    List<Node> tools =
        fx(
            () -> {
              List<Node> all = new ArrayList<>();
              all.addAll(
                  AccessibleNames.traversable((javafx.scene.Parent) node(ada, ".editor-toolbar")));
              all.addAll(
                  AccessibleNames.traversable((javafx.scene.Parent) node(ada, "#format-bar")));
              return all;
            });
    assertThat(tools).hasSizeGreaterThan(20);
    Node area = fx(() -> editors.area(ada));
    fxRun(() -> tools.get(0).requestFocus());
    List<Node> forward = new ArrayList<>();
    for (int i = 0; i < 80 && !area.equals(fx(scene::getFocusOwner)); i++) {
      forward.add(fx(scene::getFocusOwner));
      robot.push(KeyCode.TAB);
    }
    assertThat(fx(scene::getFocusOwner)).as("Tab reaches the text").isSameAs(area);
    assertThat(forward).containsAll(tools);
    fxRun(() -> tools.getLast().requestFocus());
    List<Node> backward = new ArrayList<>();
    for (int i = 0; i < 80 && !tools.get(0).equals(fx(scene::getFocusOwner)); i++) {
      backward.add(fx(scene::getFocusOwner));
      robot.push(KeyCode.SHIFT, KeyCode.TAB);
    }
    backward.add(fx(scene::getFocusOwner));
    assertThat(backward).containsAll(tools);

    // Focus shows: a focused tool looks different from the same tool unfocused.
    for (String id : List.of("#format-bold", "#format-font", "#format-align-center")) {
      Node tool = fx(() -> node(ada, id));
      fxRun(area::requestFocus);
      WaitForAsyncUtils.waitForFxEvents();
      var unfocused = fx(() -> tool.snapshot(null, null));
      fxRun(tool::requestFocus);
      WaitForAsyncUtils.waitForFxEvents();
      var focused = fx(() -> tool.snapshot(null, null));
      assertThat(samePixels(unfocused, focused)).as("%s shows its focus", id).isFalse();
    }
  }

  private static boolean samePixels(javafx.scene.image.Image a, javafx.scene.image.Image b) {
    if (a.getWidth() != b.getWidth() || a.getHeight() != b.getHeight()) {
      return false;
    }
    for (int y = 0; y < (int) a.getHeight(); y++) {
      for (int x = 0; x < (int) a.getWidth(); x++) {
        if (a.getPixelReader().getArgb(x, y) != b.getPixelReader().getArgb(x, y)) {
          return false;
        }
      }
    }
    return true;
  }

  static MenuItem menuItem(MainWindow window, String id) {
    MenuBar bar = (MenuBar) node(window, "#menu-bar");
    return bar.getMenus().stream()
        .flatMap(m -> m.getItems().stream())
        .filter(i -> id.equals(i.getId()))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void screenshots() {
    caretAt(ada, TEXT.length());
    robot.write("Details\nRaft keeps every copy of the text in the same order.\nNext steps\n");
    until("typed", () -> editors.area(ada).getText().endsWith("Next steps\n"));
    heading(ada, 0, BlockStyle.H1);
    heading(ada, TEXT.length(), BlockStyle.H2);
    heading(ada, editors.area(ada).getText().indexOf("Next steps"), BlockStyle.H2);
    editors.converged();
    fxRun(() -> editors.area(bob).moveTo(12));
    Fx.resize(ada, 1280, 800);
    until("Bob's caret shown", () -> !ada.node().lookupAll(".caret-tag").isEmpty());
    fxRun(() -> editors.area(ada).selectRange(4, 7));
    // With every panel open the page would be narrow, so the outline starts folded; a narrower
    // side panel (its divider dragged) gives the outline room and it unfolds by itself.
    until(
        "the outline folded at 1280 px",
        () -> editors.editor(ada).outline().foldedProperty().get());
    Fx.screenshot(fx(() -> ada.node().getScene()), "page-view-outline-folded");
    javafx.scene.control.SplitPane split =
        fx(() -> (javafx.scene.control.SplitPane) editors.editor(ada).node().lookup(".split-pane"));
    fxRun(() -> split.setDividerPositions(0.84));
    until("the outline unfolds", () -> !editors.editor(ada).outline().foldedProperty().get());
    // The outline follows the document once its typing rests (BackgroundRefresh).
    until(
        "the outline lists the three headings",
        () -> editors.editor(ada).outline().list().getItems().size() == 3);
    Fx.screenshot(fx(() -> ada.node().getScene()), "page-view");
    Fx.screenshot(fx(() -> node(ada, "#presence-avatars").getParent()), "header-avatars");
    // A wide window with the side panel out of the way: the page is a sheet on the canvas.
    Fx.resize(ada, 1920, 1080);
    fxRun(() -> split.setDividerPositions(1.0));
    Fx.screenshot(fx(() -> ada.node().getScene()), "page-view-wide");
    Fx.resize(ada, 1280, 800);
    fxRun(() -> split.setDividerPositions(0.68));

    fxRun(
        () -> {
          editors.editor(ada).command("replace");
          editors.editor(ada).find().queryProperty().set("the");
          editors.editor(ada).find().replacementProperty().set("a");
        });
    until("matches shown", () -> editors.editor(ada).findBar().highlights().drawnCount() > 1);
    Fx.screenshot(fx(() -> ada.node().getScene()), "find-replace");
    fxRun(() -> editors.editor(ada).findBar().close());

    fxRun(
        () -> {
          editors.area(ada).selectRange(4, 7);
          var menu = editors.area(ada).getContextMenu();
          var bounds = editors.area(ada).getCaretBounds().orElseThrow();
          menu.show(editors.area(ada), bounds.getMaxX(), bounds.getMaxY());
        });
    until("the context menu shows", () -> editors.area(ada).getContextMenu().isShowing());
    Fx.screenshotWithPopups(fx(() -> ada.node().getScene()), "context-menu");
    fxRun(() -> editors.area(ada).getContextMenu().hide());

    fxRun(() -> ((Button) node(ada, "#theme-toggle")).fire());
    try {
      Fx.screenshot(fx(() -> ada.node().getScene()), "page-view-dark");
    } finally {
      fxRun(() -> ((Button) node(ada, "#theme-toggle")).fire());
    }
  }
}
