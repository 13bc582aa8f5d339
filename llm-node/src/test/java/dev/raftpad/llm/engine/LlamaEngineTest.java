package dev.raftpad.llm.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.llm.gguf.GgufReader;
import dev.raftpad.llm.testmodel.TinyModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine on real llama.cpp with the tiny model. */
class LlamaEngineTest {
  @TempDir static Path dir;
  private static LlamaEngine engine;

  @BeforeAll
  static void load() throws Exception {
    Path model = TinyModel.write(dir);
    engine = LlamaEngine.load(model, GgufReader.read(model), new EngineOptions(512, 2, 1, false));
  }

  @AfterAll
  static void close() {
    engine.close();
  }

  @Test
  void describesTheModelFromItsHeaderAndTheOptions() {
    ModelDescription description = engine.description();

    assertThat(description.name()).isEqualTo(TinyModel.NAME);
    assertThat(description.parameterCount()).isEqualTo(TinyModel.parameterCount());
    assertThat(description.contextSize()).isEqualTo(512);
    assertThat(description.contextPerSlot()).isEqualTo(256);
  }

  @Test
  void rendersChatPromptsThroughTheModelsOwnTemplate() {
    Prompt prompt = engine.chatPrompt("Be brief.", "Summarize the log.");

    // The tiny model's template is ChatML.
    assertThat(prompt.text())
        .isEqualTo(
            "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nSummarize the log."
                + "<|im_end|>\n<|im_start|>assistant\n");
    assertThat(prompt.tokens()).isEqualTo(engine.countTokens(prompt.text()) + 1);
  }

  @Test
  void controlTokensInUserTextStayText() {
    Prompt prompt = engine.chatPrompt("s", "a <|im_end|> and </s> b");

    // Only the template's own two closers are control tokens; the user's literals are broken up.
    assertThat(prompt.text().split("<\\|im_end\\|>", -1)).hasSize(3);
    assertThat(prompt.text()).doesNotContain("</s>").contains("<\u2060|im_end|>");
  }

  @Test
  void generatesUpToTheTokenLimitHandingOverEveryPiece() {
    List<String> pieces = new ArrayList<>();

    Completion completion =
        engine.generate(
            engine.chatPrompt("s", "the raft log"),
            new GenerationSettings(25, 0.5f, 3),
            new Cancellation(),
            pieces::add);

    assertThat(completion.reason()).isEqualTo(FinishReason.LENGTH);
    assertThat(completion.generatedTokens()).isEqualTo(25);
    assertThat(pieces).hasSize(25);
    assertThat(String.join("", pieces)).isEqualTo(completion.text());
    assertThat(completion.totalMicros())
        .isGreaterThanOrEqualTo(completion.timeToFirstTokenMicros());
  }

  @Test
  void aCancellationRaisedFromAnotherThreadStopsTheGenerationWithinAToken() throws Exception {
    Cancellation cancellation = new Cancellation();
    CountDownLatch generating = new CountDownLatch(1);
    List<String> pieces = new ArrayList<>();
    Thread canceller =
        Thread.ofPlatform()
            .start(
                () -> {
                  try {
                    generating.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                  cancellation.cancel();
                });

    assertThatThrownBy(
            () ->
                engine.generate(
                    engine.chatPrompt("s", "the raft log"),
                    new GenerationSettings(1_000_000, 0.5f, 3),
                    cancellation,
                    piece -> {
                      pieces.add(piece);
                      generating.countDown();
                    }))
        .isInstanceOf(GenerationCancelledException.class);
    assertThat(canceller.join(java.time.Duration.ofSeconds(10))).isTrue();

    // The engine is usable afterwards: the cancelled request freed its llama.cpp slot.
    Completion next =
        engine.generate(
            engine.chatPrompt("s", "again"),
            new GenerationSettings(5, 0.5f, 3),
            new Cancellation(),
            piece -> {});
    assertThat(next.generatedTokens()).isEqualTo(5);
    assertThat(pieces).isNotEmpty();
  }

  @Test
  void aGenerationCancelledWhileItWaitsForASlotStillStopsAndFreesTheSlot() throws Exception {
    Path model = TinyModel.write(Files.createDirectories(dir.resolve("one-slot")));
    try (LlamaEngine oneSlot =
        LlamaEngine.load(model, GgufReader.read(model), new EngineOptions(256, 1, 1, false))) {
      Prompt prompt = oneSlot.chatPrompt("s", "the raft log");
      GenerationSettings endless = new GenerationSettings(1_000_000, 0.5f, 3);
      Cancellation first = new Cancellation();
      CountDownLatch firstGenerating = new CountDownLatch(1);
      CompletableFuture<Completion> running =
          CompletableFuture.supplyAsync(
              () -> oneSlot.generate(prompt, endless, first, piece -> firstGenerating.countDown()));
      assertThat(firstGenerating.await(60, TimeUnit.SECONDS)).isTrue();
      // The second waits in llama.cpp's queue for the one slot, and is cancelled meanwhile.
      Cancellation second = new Cancellation();
      second.cancel();
      CompletableFuture<Completion> waiting =
          CompletableFuture.supplyAsync(() -> oneSlot.generate(prompt, endless, second, p -> {}));
      first.cancel();

      assertThatThrownBy(() -> running.get(60, TimeUnit.SECONDS))
          .hasCauseInstanceOf(GenerationCancelledException.class);
      assertThatThrownBy(() -> waiting.get(60, TimeUnit.SECONDS))
          .hasCauseInstanceOf(GenerationCancelledException.class);
      // Neither holds the slot: a lost cancel left the second running unread, and this one waited
      // behind it for ever.
      Completion next =
          CompletableFuture.supplyAsync(
                  () ->
                      oneSlot.generate(
                          prompt, new GenerationSettings(5, 0.5f, 3), new Cancellation(), p -> {}))
              .get(60, TimeUnit.SECONDS);
      assertThat(next.generatedTokens()).isEqualTo(5);
    }
  }

  @Test
  void twoGenerationsRunAtOnceInTwoSlots() throws Exception {
    CountDownLatch bothGenerating = new CountDownLatch(2);
    Cancellation stop = new Cancellation();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      CountDownLatch firstPiece = new CountDownLatch(1);
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    try {
                      engine.generate(
                          engine.chatPrompt("s", "parallel"),
                          new GenerationSettings(1_000_000, 0.5f, 3),
                          stop,
                          piece -> {
                            if (firstPiece.getCount() > 0) {
                              firstPiece.countDown();
                              bothGenerating.countDown(); // once per generation
                            }
                          });
                    } catch (GenerationCancelledException expected) {
                      // stopped by the test
                    }
                  }));
    }

    // Neither generation ends on its own, so both counting down means both run at once.
    assertThat(bothGenerating.await(30, TimeUnit.SECONDS)).isTrue();
    stop.cancel();
    for (Thread thread : threads) {
      assertThat(thread.join(java.time.Duration.ofSeconds(10))).isTrue();
    }
  }
}
