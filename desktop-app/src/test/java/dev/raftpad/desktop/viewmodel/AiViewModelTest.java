package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.testing.Accounts;
import dev.raftpad.desktop.testing.QueueExecutor;
import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.ModelState;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI panel's model against a real LLM node (llama.cpp, a tiny generated model with one slot)
 * behind a one-node cluster, without the toolkit: the UI executor is a queue this thread drains.
 */
class AiViewModelTest {
  @TempDir static Path dir;
  static LlmNode llm;
  static InProcessCluster cluster;

  private final QueueExecutor ui = new QueueExecutor();
  private final Threads threads = new Threads(ui, Runnable::run);

  @BeforeAll
  static void start() throws Exception {
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
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
    llm.close();
  }

  @Test
  void stoppingARunningSummaryLeavesThePanelIdleAndIgnoresWhatStillArrives() throws Exception {
    Accounts.SignedIn ada = Accounts.register(cluster, ui, "Ada");
    WorkspaceViewModel workspace = new WorkspaceViewModel(ada.client(), ada.user(), threads);
    try (workspace) {
      String id =
          ada.client()
              .documents()
              .create("Essay", "Raft keeps replicated logs consistent. ".repeat(8) + "\n")
              .id();
      AtomicReference<EditorViewModel> opened = new AtomicReference<>();
      workspace.open(id, opened::set);
      ui.drainUntil("the editor", () -> opened.get() != null);
      EditorViewModel editor = opened.get();
      AiViewModel ai = new AiViewModel(editor);

      ai.summarize();
      assertThat(ai.runningProperty().get()).isTrue();
      // One UI task at a time: stop right after the first token is shown, mid-stream for the panel
      // (whatever the model has generated meanwhile is still queued behind it).
      ui.runUntil(
          "the first token or the end",
          () -> !ai.outputProperty().get().isEmpty() || !ai.runningProperty().get());
      assertThat(ai.runningProperty().get()).as("running when the first token shows").isTrue();

      ai.stop();
      String shown = ai.outputProperty().get();
      List<String> changes = new ArrayList<>();
      ai.outputProperty().addListener((o, was, now) -> changes.add(now));
      assertThat(ai.runningProperty().get()).isFalse();
      assertThat(ai.messageProperty().get()).isEqualTo("Stopped.");
      assertThat(shown).isNotEmpty();

      // The LLM node has one slot: a call started now ends only after the stopped one ended there.
      var after = ada.client().ai().summarize(id, OptionalLong.empty(), Optional.empty(), t -> {});
      var unused = after.result().get(60, TimeUnit.SECONDS);
      ui.drain();

      assertThat(changes).as("output changed after Stop").isEmpty();
      assertThat(ai.outputProperty().get()).isEqualTo(shown);
      assertThat(ai.runningProperty().get()).isFalse();
      assertThat(ai.messageProperty().get()).isEqualTo("Stopped.");
      assertThat(ai.suggestionProperty().get()).isEmpty();

      // The panel is idle, not stuck: the next request runs to the end.
      ai.summarize();
      ui.drainUntil("a summary", () -> !ai.runningProperty().get());
      assertThat(ai.messageProperty().get()).isEqualTo("Done.");
      editor.close();
    }
  }
}
