package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.desktop.viewmodel.ReviewItem;
import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.ModelState;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * Comments and suggesting mode in two real windows on a real cluster with a real LLM node
 * (llama.cpp on the tiny generated model): Bob, a commenter, is suggesting without turning anything
 * on; Ada, the owner, sees his tracked change and comment live and accepts; the assistant's
 * suggestion shows as the assistant's card in the other window.
 */
class ReviewUiTest {
  @TempDir static Path dir;
  static LlmNode llm;
  static InProcessCluster cluster;
  static Fx.Account adaAccount;
  static Fx.Account bobAccount;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    llm =
        LlmNode.start(
            new LlmNodeConfig(
                "127.0.0.1",
                0,
                TinyModel.write(dir),
                new EngineOptions(512, 1, 1, false),
                4,
                100_000,
                TestTls.node().key()));
    assertThat(llm.loadModel()).isInstanceOf(ModelState.Ready.class);
    cluster =
        InProcessCluster.start(
            InProcessCluster.settings(dir.resolve("cluster"))
                .withSize(1)
                .withLlmAddress("127.0.0.1:" + llm.port()));
    adaAccount = Fx.register(cluster, "Ada");
    bobAccount = Fx.register(cluster, "Bob");
  }

  @AfterAll
  static void stop() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
    llm.close();
  }

  static EditorView editor(MainWindow window, String documentId) {
    return window.editor(documentId).orElseThrow();
  }

  static boolean ready(MainWindow window, String documentId) {
    return window
        .editor(documentId)
        .map(e -> Fx.showing(e.editor().area()) && e.model().isSynchronized())
        .orElse(false);
  }

  /** A node by id, or null while it has not joined the scene (e.g. inside a ScrollPane). */
  static Node node(MainWindow window, String id) {
    return window.node().lookup(id);
  }

  static Optional<ReviewItem.Change> change(MainWindow window, String documentId, String inserted) {
    return editor(window, documentId).review().itemsProperty().get().anchored().stream()
        .filter(i -> i instanceof ReviewItem.Change)
        .map(i -> (ReviewItem.Change) i)
        .filter(c -> c.suggestion().inserted().equals(inserted))
        .findFirst();
  }

  @Test
  void aCommenterSuggestsAndCommentsAndTheOwnerSeesItLiveAndAccepts() {
    MainWindow ada = Fx.signedIn(cluster, adaAccount, 0);
    MainWindow bob = Fx.signedIn(cluster, bobAccount, 960);
    String doc =
        ada.workspace()
            .client()
            .documents()
            .create("Pets", "The cat sat on the mat.\nIt was warm.\n")
            .id();
    var unused =
        ada.workspace()
            .client()
            .sharing()
            .share(doc, bobAccount.username(), DocumentRole.COMMENTER);
    fxRun(() -> ada.open(doc));
    until(
        "Bob's list shows it",
        () ->
            bob.workspace().browser().visibleRows().stream()
                .anyMatch(r -> r.info().id().equals(doc)));
    fxRun(() -> bob.open(doc));
    until("both editors ready", () -> ready(ada, doc) && ready(bob, doc));

    // Bob is a commenter: editable, no banner, locked to Suggesting, formatting off.
    assertThat(fx(() -> editor(bob, doc).model().suggestingProperty().get())).isTrue();
    assertThat(fx(() -> ((MenuButton) node(bob, "#mode")).getText())).contains("Suggesting");
    assertThat(fx(() -> editor(bob, doc).editor().area().isEditable())).isTrue();
    assertThat(fx(() -> node(bob, "#read-only-banner").isVisible())).isFalse();
    assertThat(fx(() -> node(bob, "#format-bold").isDisabled())).isTrue();
    assertThat(fx(() -> ((MenuButton) node(ada, "#mode")).getText())).contains("Editing");

    // Bob types "dog" over "cat": a tracked replacement; the caret ends after "dog".
    EditorArea bobArea = fx(() -> editor(bob, doc).editor().area());
    robot.clickOn(bobArea);
    fxRun(() -> bobArea.selectRange(4, 7));
    robot.write("dog");
    until(
        "Bob's area keeps the struck-through cat",
        () -> bobArea.getText().startsWith("The catdog sat") && bobArea.getCaretPosition() == 10);
    // Backspace after "sat" strikes the "t" and moves left over it; Delete strikes and moves right.
    fxRun(() -> bobArea.moveTo(14));
    robot.type(KeyCode.BACK_SPACE);
    until("Backspace moved left", () -> bobArea.getCaretPosition() == 13);
    fxRun(() -> bobArea.moveTo(15));
    robot.type(KeyCode.DELETE);
    until("Delete moved right", () -> bobArea.getCaretPosition() == 16);
    assertThat(fx(() -> bobArea.getText())).startsWith("The catdog sat on the mat.");

    // Bob comments on "mat", mentioning Ada.
    fxRun(() -> bobArea.selectRange(22, 25));
    fxRun(() -> ((Button) node(bob, "#add-comment")).fire());
    until("the new-comment card", () -> node(bob, "#new-comment-text") instanceof TextArea);
    fxRun(
        () ->
            ((TextArea) node(bob, "#new-comment-text"))
                .setText("A rug, maybe? @" + adaAccount.username()));
    fxRun(() -> ((Button) node(bob, "#post-comment")).fire());

    // Ada sees the comment card and the tracked change live.
    until(
        "Ada's margin shows Bob's comment",
        () ->
            editor(ada, doc).review().itemsProperty().get().anchored().stream()
                .anyMatch(
                    i ->
                        i instanceof ReviewItem.Comments c
                            && c.thread().comments().getFirst().text().startsWith("A rug")
                            && node(ada, "#thread-" + c.id()) != null));
    // Suggestions are read once the text has rested (QuietPeriod.TYPING), not per keystroke.
    until("Ada's margin shows Bob's suggestion", () -> change(ada, doc, "dog").isPresent());
    String dog = fx(() -> change(ada, doc, "dog").orElseThrow().id());
    until(
        "Ada's suggestion card worded",
        () ->
            node(ada, "#suggestion-text-" + dog) instanceof Label l
                && l.getText().equals("Replace “cat” with “dog”"));
    assertThat(fx(() -> ((Label) node(ada, "#suggestion-author-" + dog)).getText()))
        .isEqualTo("Bob");
    until("Bob's card", () -> node(bob, "#accept-" + dog) != null);
    assertThat(fx(() -> Fx.showing(node(bob, "#accept-" + dog))))
        .as("a commenter cannot accept")
        .isFalse();

    // Bob edits his comment; Ada's card says "edited".
    String first =
        fx(
            () ->
                editor(bob, doc).review().itemsProperty().get().anchored().stream()
                    .filter(i -> i instanceof ReviewItem.Comments)
                    .map(i -> ((ReviewItem.Comments) i).thread().comments().getFirst().id())
                    .findFirst()
                    .orElseThrow());
    until("Bob's Edit button", () -> node(bob, "#edit-" + first) instanceof Button);
    fxRun(() -> ((Button) node(bob, "#edit-" + first)).fire());
    fxRun(
        () ->
            ((TextField) node(bob, "#edit-text-" + first))
                .setText("A rug, maybe? Or a mat. @" + adaAccount.username()));
    fxRun(() -> ((Button) node(bob, "#save-" + first)).fire());
    until(
        "Ada sees the edited comment",
        () ->
            editor(ada, doc).review().itemsProperty().get().anchored().stream()
                .anyMatch(
                    i ->
                        i instanceof ReviewItem.Comments c
                            && c.thread().comments().getFirst().editedAt().isPresent()
                            && c.thread().comments().getFirst().text().contains("Or a mat")));
    assertThat(fx(() -> node(ada, "#edit-" + first))).as("only the author edits").isNull();

    // Ada's caret inside "mat" makes its card active; clicking a card does too.
    String thread =
        fx(
            () ->
                editor(ada, doc).review().itemsProperty().get().anchored().stream()
                    .filter(i -> i instanceof ReviewItem.Comments)
                    .findFirst()
                    .orElseThrow()
                    .id());
    fxRun(() -> editor(ada, doc).editor().area().moveTo(23));
    until(
        "the card of the range around the caret is active",
        () ->
            editor(ada, doc).review().activeProperty().get().equals(Optional.of(thread))
                && node(ada, "#thread-" + thread).getStyleClass().contains("review-card-active"));
    fxRun(() -> editor(ada, doc).editor().area().moveTo(0));
    fxRun(() -> editor(ada, doc).review().activate(thread));

    // Screenshots: Ada's margin with the comment active, Bob suggesting (both at 1280).
    Fx.resize(ada, 1280, 800);
    Fx.screenshot(fx(() -> ada.node().getScene()), "comments-margin");
    fxRun(() -> ((Button) node(ada, "#theme-toggle")).fire());
    Fx.screenshot(fx(() -> ada.node().getScene()), "comments-margin-dark");
    fxRun(() -> ((Button) node(ada, "#theme-toggle")).fire());
    Fx.resize(bob, 1280, 800);
    Fx.screenshot(fx(() -> bob.node().getScene()), "suggesting-mode");

    // Ada accepts "dog" and rejects the rest; both windows end with the same text.
    fxRun(() -> ((Button) node(ada, "#accept-" + dog)).fire());
    fxRun(() -> editor(ada, doc).review().rejectAll());
    until(
        "both identical and saved",
        () ->
            editor(ada, doc).model().isSynchronized()
                && editor(bob, doc).model().isSynchronized()
                && editor(ada, doc)
                    .editor()
                    .area()
                    .getText()
                    .equals("The dog sat on the mat.\nIt was warm.\n")
                && editor(bob, doc)
                    .editor()
                    .area()
                    .getText()
                    .equals("The dog sat on the mat.\nIt was warm.\n"));
    // Accept and reject are edits of Ada's: her Undo takes the rejection back.
    fxRun(() -> editor(ada, doc).model().undo());
    until(
        "Undo brings the rejected suggestions back",
        () ->
            editor(ada, doc).review().itemsProperty().get().anchored().stream()
                    .filter(i -> i instanceof ReviewItem.Change)
                    .count()
                == 2);

    // Ada resolves the thread: it leaves the text's side and shows under "Resolved".
    fxRun(() -> ((Button) node(ada, "#resolve-" + thread)).fire());
    until(
        "the thread resolved in Bob's window",
        () ->
            editor(bob, doc).review().itemsProperty().get().resolved().stream()
                .anyMatch(t -> t.id().equals(thread)));
    fxRun(() -> ((javafx.scene.control.ToggleButton) node(bob, "#show-resolved")).fire());
    until(
        "Bob's resolved list shows it with Reopen",
        () ->
            node(bob, "#resolve-" + thread) instanceof Button b
                && b.getText().equals("Reopen")
                && Fx.showing(b));

    // The assistant suggests (asked by Bob, a commenter): Ada sees the assistant's card.
    fxRun(() -> editor(bob, doc).showPanel("ai-tab"));
    until("Bob's AI panel", () -> node(bob, "#ai-suggest-grammar") instanceof Button);
    fxRun(() -> bobArea.selectRange(24, 36));
    fxRun(() -> ((Button) node(bob, "#ai-suggest-grammar")).fire());
    until(
        "the assistant's suggestion in Ada's margin",
        () ->
            editor(ada, doc).review().itemsProperty().get().anchored().stream()
                .anyMatch(
                    i ->
                        i instanceof ReviewItem.Change c
                            && c.suggestion().byAssistant()
                            && node(ada, "#suggestion-author-" + c.id()) instanceof Label l
                            && l.getText().startsWith("Assistant (asked by Bob")));
    until(
        "Bob is told where it went",
        () -> ((Label) node(bob, "#ai-message")).getText().contains("in the margin"));
    Fx.screenshot(fx(() -> ada.node().getScene()), "assistant-suggestion");

    // Bob posts a summary as the assistant's comment; Ada sees it labelled as the assistant's.
    fxRun(() -> bobArea.selectRange(0, 10));
    fxRun(() -> ((Button) node(bob, "#ai-summarize-comment")).fire());
    until(
        "the assistant's comment in Ada's margin",
        () ->
            editor(ada, doc).model().commentThreads().stream()
                .anyMatch(t -> !t.comments().isEmpty() && t.comments().getFirst().byAssistant()));
    until(
        "posted",
        () ->
            ((Label) node(bob, "#ai-message"))
                .getText()
                .equals("Posted as the assistant's comment."));

    // Bob asks a question; the answer streams in.
    fxRun(() -> ((TextField) node(bob, "#ai-question")).setText("Where did the dog sit?"));
    fxRun(() -> ((Button) node(bob, "#ai-ask")).fire());
    until("an answer", () -> ((Label) node(bob, "#ai-ask-message")).getText().equals("Done."));
    assertThat(fx(() -> ((TextArea) node(bob, "#ai-answer")).getText())).isNotEmpty();
    Fx.screenshot(fx(() -> bob.node().getScene()), "ai-ask");

    // Ada comments on "dog", then deletes the word: the thread is listed apart, on deleted text.
    EditorArea adaArea = fx(() -> editor(ada, doc).editor().area());
    assertThat(fx(() -> adaArea.getText().substring(4, 7))).isEqualTo("dog");
    fxRun(() -> adaArea.selectRange(4, 7));
    fxRun(() -> ((Button) node(ada, "#add-comment")).fire());
    until("Ada's new-comment card", () -> node(ada, "#new-comment-text") instanceof TextArea);
    fxRun(() -> ((TextArea) node(ada, "#new-comment-text")).setText("Which dog?"));
    fxRun(() -> ((Button) node(ada, "#post-comment")).fire());
    until(
        "the thread on dog",
        () ->
            editor(ada, doc).review().itemsProperty().get().anchored().stream()
                .anyMatch(
                    i ->
                        i instanceof ReviewItem.Comments c
                            && c.thread().quotedText().equals("dog")));
    fxRun(() -> adaArea.replaceText(4, 8, ""));
    until(
        "listed apart in Bob's margin",
        () ->
            editor(bob, doc).review().itemsProperty().get().detached().stream()
                .anyMatch(
                    c ->
                        c.thread().quotedText().equals("dog")
                            && node(bob, "#thread-" + c.id()) != null
                            && node(bob, "#comments-apart").isVisible()));

    Fx.close(ada);
    Fx.close(bob);
  }
}
