package dev.raftpad.llm;

import static dev.raftpad.llm.GenerationStreamAssert.finishedLast;
import static dev.raftpad.llm.GenerationStreamAssert.progress;
import static dev.raftpad.llm.GenerationStreamAssert.streamedText;
import static dev.raftpad.llm.GenerationStreamAssert.tokenEvents;
import static dev.raftpad.llm.TestNode.drain;
import static dev.raftpad.llm.TestNode.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.AskRequest;
import dev.raftpad.proto.v1.FinishReason;
import dev.raftpad.proto.v1.FixGrammarRequest;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationFinished;
import dev.raftpad.proto.v1.ImproveWritingRequest;
import dev.raftpad.proto.v1.ModelInfo;
import dev.raftpad.proto.v1.SummarizeRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tasks through real gRPC against real llama.cpp with the tiny model. */
class LlmServiceTasksTest {
  private static final int CONTEXT = 512;

  @TempDir static Path dir;
  private static TestNode node;

  @BeforeAll
  static void start() throws Exception {
    node = TestNode.loaded(TinyModel.write(dir), CONTEXT, 1, 2);
  }

  @AfterAll
  static void stop() throws Exception {
    node.close();
  }

  @Test
  void modelInfoDescribesTheLoadedModel() {
    ModelInfo info = node.info();

    assertThat(info.getReady()).isTrue();
    assertThat(info.getModelName()).isEqualTo(TinyModel.NAME);
    assertThat(info.getModelPath()).endsWith(".gguf");
    assertThat(info.getContextSize()).isEqualTo(CONTEXT);
    assertThat(info.getParameterCount()).isEqualTo(TinyModel.parameterCount());
    assertThat(info.getParallelSlots()).isEqualTo(1);
    assertThat(info.getQueueCapacity()).isEqualTo(2);
    assertThat(info.getNotReadyReason()).isEmpty();
  }

  @Test
  void summarizeStreamsTokensThenOneFinishedEvent() {
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .summarize(
                    SummarizeRequest.newBuilder()
                        .setText("The leader appends the entry to its log and replicates it.")
                        .setOptions(tokens(20))
                        .build()));

    GenerationFinished finished = finishedLast(events);
    assertThat(tokenEvents(events)).isBetween(1L, 20L);
    assertThat(progress(events)).isEmpty();
    assertThat(finished.getReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(finished.getText()).isNotBlank().isEqualTo(streamedText(events).strip());
    assertThat(finished.getStats().getGeneratedTokens()).isEqualTo(20);
    assertThat(finished.getStats().getPromptTokens()).isPositive();
    assertThat(finished.getStats().getTotalMicros())
        .isGreaterThanOrEqualTo(finished.getStats().getTimeToFirstTokenMicros());
  }

  @Test
  void theSameSeedGivesTheSameAnswer() {
    SummarizeRequest request =
        SummarizeRequest.newBuilder()
            .setText("Raft keeps a replicated log.")
            .setOptions(tokens(15))
            .build();

    String first = finishedLast(drain(node.blocking().summarize(request))).getText();
    String second = finishedLast(drain(node.blocking().summarize(request))).getText();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void aDocumentLongerThanTheContextIsSummarizedInChunksThenCombined() {
    String document = longDocument(60);
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .summarize(
                    SummarizeRequest.newBuilder()
                        .setText(document)
                        .setOptions(tokens(24))
                        .build()));

    GenerationFinished finished = finishedLast(events);
    List<GenerationEvent> progress = progress(events);
    assertThat(progress).hasSizeGreaterThan(2);
    var last = progress.getLast().getProgress();
    assertThat(last.getChunksDone()).isEqualTo(last.getChunksTotal()).isGreaterThan(1);
    int firstToken = indexOfFirstToken(events);
    assertThat(events.indexOf(progress.getLast())).isLessThan(firstToken);
    assertThat(progress).extracting(event -> event.getProgress().getChunksDone()).isSorted();
    // Every chunk went through the model: far more prompt tokens than one context holds.
    assertThat(finished.getStats().getPromptTokens()).isGreaterThan(2 * CONTEXT);
    assertThat(tokenEvents(events)).isBetween(1L, 24L);
    assertThat(finished.getReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
    assertThat(finished.getText()).isNotBlank();
  }

  @Test
  void fixGrammarReturnsTheWholeTextKeepingItsOuterWhitespace() {
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .fixGrammar(
                    FixGrammarRequest.newBuilder()
                        .setText("  teh leader replicate the log.\n\n")
                        .setOptions(tokens(12))
                        .build()));

    GenerationFinished finished = finishedLast(events);
    assertThat(finished.getText()).startsWith("  ").endsWith("\n\n");
    assertThat(finished.getText().strip()).isEqualTo(streamedText(events).strip());
    assertThat(finished.getStats().getGeneratedTokens()).isEqualTo(12);
  }

  @Test
  void aLongTextIsCorrectedChunkByChunkKeepingTheWhitespaceBetweenChunks() {
    String text = longDocument(20) + "\n";
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .fixGrammar(
                    FixGrammarRequest.newBuilder().setText(text).setOptions(tokens(6)).build()));

    GenerationFinished finished = finishedLast(events);
    List<GenerationEvent> progress = progress(events);
    assertThat(progress).isNotEmpty();
    int chunks = progress.getLast().getProgress().getChunksTotal();
    assertThat(chunks).isGreaterThan(1);
    assertThat(progress.getLast().getProgress().getChunksDone()).isEqualTo(chunks);
    assertThat(finished.getText()).endsWith("\n");
    assertThat(finished.getReason()).isEqualTo(FinishReason.FINISH_REASON_LENGTH);
  }

  @Test
  void askAnswersAQuestionAboutADocument() {
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .ask(
                    AskRequest.newBuilder()
                        .setDocumentText("The cluster has five nodes.")
                        .setQuestion("How many nodes?")
                        .setOptions(tokens(10))
                        .build()));

    GenerationFinished finished = finishedLast(events);
    assertThat(finished.getStats().getGeneratedTokens()).isEqualTo(10);
    assertThat(finished.getText()).isEqualTo(streamedText(events).strip());
  }

  @Test
  void aQuestionAboutADocumentLongerThanTheContextIsAnsweredFromNotesOnItsChunks() {
    String document = longDocument(20);
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .ask(
                    AskRequest.newBuilder()
                        .setDocumentText(document)
                        .setQuestion("What does the leader do?")
                        .setOptions(tokens(16))
                        .build()));

    GenerationFinished finished = finishedLast(events);
    List<GenerationEvent> progress = progress(events);
    var last = progress.getLast().getProgress();
    assertThat(last.getChunksTotal()).isGreaterThan(1);
    assertThat(progress).hasSize(last.getChunksTotal() + 1); // 0 of n, then one per chunk
    assertThat(last.getChunksDone()).isEqualTo(last.getChunksTotal());
    assertThat(progress).extracting(event -> event.getProgress().getChunksDone()).isSorted();
    // The notes are taken quietly; only the answer streams, after the last chunk.
    assertThat(events.indexOf(progress.getLast())).isLessThan(indexOfFirstToken(events));
    // Every chunk went through the model: more prompt tokens than one context holds.
    assertThat(finished.getStats().getPromptTokens()).isGreaterThan(2 * CONTEXT);
    assertThat(finished.getStats().getGeneratedTokens()).isGreaterThan(16);
    assertThat(tokenEvents(events)).isBetween(1L, 16L);
    assertThat(finished.getText()).isNotBlank().isEqualTo(streamedText(events).strip());
  }

  @Test
  void aQuestionAboutADocumentWhoseNotesCannotFitIsTooLargeAndSaysWhatToDo() {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                drain(
                    node.blocking()
                        .ask(
                            AskRequest.newBuilder()
                                .setDocumentText(longDocument(600))
                                .setQuestion("What happened?")
                                .setOptions(tokens(16))
                                .build())));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(error.getStatus().getDescription()).contains("ask about a selection");
    ErrorInfo info = errorInfo(error);
    assertThat(info.getReason()).isEqualTo("TOO_LARGE");
    assertThat(info.getMetadataMap())
        .containsEntry("field", "document_text")
        .containsEntry("unit", "tokens");
    assertThat(Long.parseLong(info.getMetadataOrThrow("actual")))
        .isGreaterThan(Long.parseLong(info.getMetadataOrThrow("limit")));
  }

  @Test
  void aBlankQuestionOrDocumentIsAnInvalidField() {
    for (AskRequest request :
        List.of(
            AskRequest.newBuilder().setDocumentText("Some text.").setQuestion(" \n").build(),
            AskRequest.newBuilder().setDocumentText("").setQuestion("Why?").build())) {
      StatusRuntimeException error =
          catchThrowableOfType(
              StatusRuntimeException.class, () -> drain(node.blocking().ask(request)));

      assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(errorInfo(error).getReason()).isEqualTo("INVALID_FIELD");
      assertThat(errorInfo(error).getMetadataMap())
          .containsEntry("field", request.getQuestion().isBlank() ? "question" : "document_text");
    }
  }

  @Test
  void improveWritingReturnsTheWholeTextKeepingItsOuterWhitespace() {
    List<GenerationEvent> events =
        drain(
            node.blocking()
                .improveWriting(
                    ImproveWritingRequest.newBuilder()
                        .setText(
                            "\nthe leader, it is the node that does the appending of entries. ")
                        .setOptions(tokens(12))
                        .build()));

    GenerationFinished finished = finishedLast(events);
    assertThat(tokenEvents(events)).isPositive();
    assertThat(finished.getText()).startsWith("\n").endsWith(" ");
    assertThat(finished.getText().strip()).isNotBlank().isEqualTo(streamedText(events).strip());
    assertThat(finished.getStats().getGeneratedTokens()).isEqualTo(12);
  }

  @Test
  void improveWritingOfAnEmptyTextIsAnInvalidField() {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                drain(
                    node.blocking()
                        .improveWriting(ImproveWritingRequest.newBuilder().setText("").build())));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(errorInfo(error).getMetadataMap()).containsEntry("field", "text");
  }

  @Test
  void anEmptyTextIsAnInvalidField() {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                drain(
                    node.blocking().summarize(SummarizeRequest.newBuilder().setText(" ").build())));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(errorInfo(error).getReason()).isEqualTo("INVALID_FIELD");
    assertThat(errorInfo(error).getMetadataMap()).containsEntry("field", "text");
  }

  @Test
  void aTextOverTheCharacterLimitIsTooLarge() {
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                drain(
                    node.blocking()
                        .fixGrammar(
                            FixGrammarRequest.newBuilder().setText("x".repeat(100_001)).build())));

    assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(errorInfo(error).getReason()).isEqualTo("TOO_LARGE");
    assertThat(errorInfo(error).getMetadataMap()).containsEntry("unit", "characters");
  }

  static ErrorInfo errorInfo(StatusRuntimeException error) {
    try {
      return StatusProto.fromThrowable(error).getDetailsList().stream()
          .filter(detail -> detail.is(ErrorInfo.class))
          .findFirst()
          .orElseThrow()
          .unpack(ErrorInfo.class);
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      throw new AssertionError(e);
    }
  }

  private static int indexOfFirstToken(List<GenerationEvent> events) {
    for (int i = 0; i < events.size(); i++) {
      if (events.get(i).hasToken()) {
        return i;
      }
    }
    throw new AssertionError("no token in " + events);
  }

  /** Paragraphs of plain English, {@code paragraphs} of them (about 40 tokens each). */
  static String longDocument(int paragraphs) {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= paragraphs; i++) {
      text.append("Paragraph ")
          .append(i)
          .append(": the leader node appends the edit to the raft log. ")
          .append("Then it replicates the entry to the cluster and applies it.\n\n");
    }
    return text.toString().strip();
  }
}
