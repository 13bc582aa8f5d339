package dev.raftpad.desktop.view;

import static dev.raftpad.desktop.view.Fx.fx;
import static dev.raftpad.desktop.view.Fx.fxRun;
import static dev.raftpad.desktop.view.Fx.until;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.viewmodel.Problems;
import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The AI panel when the LLM node runs without a model, as on a fresh local cluster: what to do is
 * said in sentences, and the command to run is shown whole, in monospace, to select or copy.
 */
class AiWithoutAModelUiTest {
  @TempDir static Path dir;
  static LlmNode llm;
  static InProcessCluster cluster;
  final FxRobot robot = new FxRobot();

  @BeforeAll
  static void start() throws Exception {
    FxToolkit.registerPrimaryStage();
    // No model configured: the node serves, and every request answers MODEL_NOT_LOADED.
    llm =
        LlmNode.start(
            new LlmNodeConfig(
                "127.0.0.1",
                0,
                null,
                new EngineOptions(512, 1, 1, false),
                4,
                100_000,
                TestTls.node().key()));
    cluster =
        InProcessCluster.start(
            InProcessCluster.settings(dir).withSize(1).withLlmAddress("127.0.0.1:" + llm.port()));
  }

  @AfterAll
  static void stop() throws Exception {
    FxToolkit.cleanupStages();
    cluster.close();
    llm.close();
  }

  @Test
  void theNoModelMessageIsReadableAndTheCommandCopyable() {
    MainWindow ada = Fx.signedIn(cluster, "Ada", 0);
    String documentId =
        ada.workspace().client().documents().create("Essay", "Their is a error here.\n").id();
    fxRun(() -> ada.open(documentId));
    until("the editor", () -> ada.editor(documentId).isPresent());
    fxRun(() -> ada.editor(documentId).orElseThrow().showPanel("ai-tab"));
    Fx.resize(ada, 1280, 860);
    until("the AI panel on screen", () -> Fx.showing(ada.node().lookup("#ai-summarize")));

    robot.clickOn(fx(() -> ada.node().lookup("#ai-summarize")));
    until(
        "the command",
        () ->
            ((TextField) ada.node().lookup("#command-text"))
                .getText()
                .equals(Problems.FETCH_MODEL));
    until("the message drawn", () -> !FirstRunUiTest.renderedText(message(ada)).isEmpty());
    WaitForAsyncUtils.waitForFxEvents();
    until("the panel laid out", () -> !ada.node().isNeedsLayout());

    Label message = fx(() -> message(ada));
    String text = fx(message::getText);
    assertThat(text).startsWith("The AI has no model yet.").doesNotContain("`", "http");
    assertThat(fx(() -> FirstRunUiTest.renderedText(message))).as("as drawn").isEqualTo(text);
    assertThat(fx(message::getHeight))
        .isGreaterThanOrEqualTo(fx(() -> message.prefHeight(message.getWidth())) - 0.5);

    TextField command = fx(() -> (TextField) ada.node().lookup("#command-text"));
    assertThat(fx(() -> Fx.showing(command))).isTrue();
    assertThat(fx(command::isEditable)).isFalse();
    assertThat(fx(() -> command.getFont().getFamily().toLowerCase(java.util.Locale.ROOT)))
        .containsAnyOf("mono", "courier");
    // Wide enough for the whole command: nothing of it scrolled out of sight.
    assertThat(fx(command::getWidth))
        .isGreaterThanOrEqualTo(
            fx(
                () -> {
                  var t = new javafx.scene.text.Text(command.getText());
                  t.setFont(command.getFont());
                  return t.getLayoutBounds().getWidth();
                }));
    assertThat(fx(() -> Fx.showing(ada.node().lookup("#command-copy")))).isTrue();
    Fx.screenshot(fx(() -> ada.node().getScene()), "ai-panel-no-model");
    Fx.close(ada);
  }

  private static Label message(MainWindow window) {
    return (Label) window.node().lookup("#ai-message");
  }
}
