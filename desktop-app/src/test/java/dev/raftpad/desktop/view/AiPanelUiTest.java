package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.ModelState;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;

/**
 * The AI panel against a real LLM node running llama.cpp on a tiny generated model (it writes
 * nonsense; what is tested is the streaming, the preview and accepting it as an edit).
 */
class AiPanelUiTest {
  @TempDir static Path dir;
  static LlmNode llm;
  static InProcessCluster cluster;
  static MainWindow ada;
  static String documentId;
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
    ada = Fx.signedIn(cluster, "Ada", 0);
    documentId =
        ada.workspace()
            .client()
            .documents()
            .create("Essay", "Their is a error here. Raft keeps logs consistent.\n")
            .id();
    fxRun(() -> ada.open(documentId));
    until("editor", () -> ada.editor(documentId).isPresent());
    fxRun(() -> ada.editor(documentId).orElseThrow().showPanel("ai-tab"));
  }

  @AfterAll
  static void stop() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
    llm.close();
  }

  private static String message() {
    return fx(() -> ((Label) ada.node().lookup("#ai-message")).getText());
  }

  @Test
  void summarizeStreamsThenFixGrammarPreviewsAndIsAccepted() {
    robot.clickOn(ada.node().lookup("#ai-summarize"));
    until("a summary", () -> message().equals("Done."));
    assertThat(fx(() -> ((TextArea) ada.node().lookup("#ai-output")).getText())).isNotEmpty();

    robot.clickOn(ada.node().lookup("#ai-fix-grammar"));
    until(
        "a suggestion",
        () -> ada.editor(documentId).orElseThrow().ai().suggestionProperty().get().isPresent());
    Fx.resize(ada, 1280, 860);
    Fx.screenshot(fx(() -> ada.node().getScene()), "ai-panel");
    String expected =
        fx(
            () -> {
              var editor = ada.editor(documentId).orElseThrow();
              var s = editor.ai().suggestionProperty().get().orElseThrow();
              return editor.model().document().apply(s.operation()).text();
            });

    robot.clickOn(ada.node().lookup("#ai-accept"));
    until(
        "applied and saved",
        () ->
            ada.editor(documentId).orElseThrow().editor().area().getText().equals(expected)
                && ada.editor(documentId).orElseThrow().model().isSynchronized());
    assertThat(message()).isEqualTo("Correction applied.");
  }
}
