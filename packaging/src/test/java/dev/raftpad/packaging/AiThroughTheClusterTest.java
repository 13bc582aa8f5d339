package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import dev.raftpad.llm.LlmNode;
import dev.raftpad.llm.LlmNodeConfig;
import dev.raftpad.llm.ModelState;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.AiEvent;
import dev.raftpad.proto.v1.AiRequest;
import dev.raftpad.proto.v1.AiServiceGrpc;
import dev.raftpad.proto.v1.AskAiRequest;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetReviewRequest;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.ResolveSuggestionsRequest;
import dev.raftpad.proto.v1.Review;
import dev.raftpad.proto.v1.ReviewServiceGrpc;
import dev.raftpad.proto.v1.Selection;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SuggestionDecision;
import dev.raftpad.server.ServerNode;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.AbstractStub;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * AI end to end: a server node forwards to a real LLM node running llama.cpp on a tiny generated
 * GGUF model, and streams the answer back. (The tiny model writes nonsense; what is tested is the
 * plumbing: streaming, the final result, and the suggestion as an operation.)
 */
class AiThroughTheClusterTest {
  @TempDir Path dir;
  private LlmNode llm;
  private InProcessCluster cluster;
  private ManagedChannel channel;
  private String token;

  @BeforeEach
  void start() throws Exception {
    Path model = TinyModel.write(dir);
    llm =
        LlmNode.start(
            new LlmNodeConfig(
                "127.0.0.1",
                0,
                model,
                new EngineOptions(512, 1, 1, false),
                4,
                100_000,
                TestTls.node().key()));
    assertThat(llm.loadModel()).isInstanceOf(ModelState.Ready.class);
    cluster =
        InProcessCluster.start(
            InProcessCluster.settings(dir).withSize(1).withLlmAddress("127.0.0.1:" + llm.port()));
    ServerNode server = cluster.node(cluster.leaderId());
    channel =
        NettyChannelBuilder.forAddress(
                "127.0.0.1", server.port(), GrpcTls.client(TestTls.trustedCa()))
            .build();
    var accounts =
        AccountServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    accounts.register(
        RegisterRequest.newBuilder().setUsername("ada").setPassword("lovelace").build());
    token =
        accounts
            .login(LoginRequest.newBuilder().setUsername("ada").setPassword("lovelace").build())
            .getToken();
  }

  @AfterEach
  void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    cluster.close();
    llm.close();
  }

  private <S extends AbstractStub<S>> S signedIn(S stub) {
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
    return stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .withDeadlineAfter(120, TimeUnit.SECONDS);
  }

  private String createDocument(String text) {
    return signedIn(DocumentServiceGrpc.newBlockingStub(channel))
        .createDocument(
            CreateDocumentRequest.newBuilder()
                .setTitle("Essay")
                .setInitialContent(OperationCodec.toWire(Operation.insert(0, text)))
                .build())
        .getDocument()
        .getDocumentId();
  }

  @Test
  void aSummaryStreamsTokensAndEndsWithTheWholeTextAndTheRevisionItRead() {
    String docId = createDocument("Raft keeps replicated logs consistent across failures.\n");

    List<AiEvent> events = new ArrayList<>();
    signedIn(AiServiceGrpc.newBlockingStub(channel))
        .summarize(AiRequest.newBuilder().setDocumentId(docId).build())
        .forEachRemaining(events::add);

    assertThat(events).hasSizeGreaterThan(1);
    AiEvent last = events.getLast();
    assertThat(last.hasCompleted()).isTrue();
    String streamed =
        String.join("", events.stream().filter(AiEvent::hasToken).map(AiEvent::getToken).toList());
    // The final text is the answer without the whitespace the model put around it.
    assertThat(last.getCompleted().getText()).isEqualTo(streamed.strip());
    assertThat(last.getCompleted().getBaseRevision()).isEqualTo(1); // the initial text
    assertThat(last.getCompleted().hasSuggestion()).isFalse();
  }

  @Test
  void asTheAssistantsSuggestionAGrammarFixIsInTheTextForAnEditorToAcceptOrReject() {
    String text = "Their is a error here.\n";
    String docId = createDocument(text);

    List<AiEvent> events = new ArrayList<>();
    signedIn(AiServiceGrpc.newBlockingStub(channel))
        .fixGrammar(AiRequest.newBuilder().setDocumentId(docId).setAsSuggestions(true).build())
        .forEachRemaining(events::add);
    var completed = events.getLast().getCompleted();
    Operation change = OperationCodec.fromWire(completed.getSuggestion(), "suggestion");
    Review review =
        signedIn(ReviewServiceGrpc.newBlockingStub(channel))
            .getReview(GetReviewRequest.newBuilder().setDocumentId(docId).build())
            .getReview();
    if (change.isIdentity()) {
      // The tiny random model may leave the text as it was: then nothing is suggested.
      assertThat(completed.getSuggestionId()).isEmpty();
      assertThat(review.getSuggestionsList()).isEmpty();
      return;
    }
    assertThat(completed.getSuggestionId()).isNotEmpty();
    assertThat(completed.getSuggestionRevision()).isEqualTo(2);
    assertThat(review.getSuggestionsList())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getSuggestionId()).isEqualTo(completed.getSuggestionId());
              assertThat(s.getByAssistant()).isTrue();
              assertThat(s.getAuthor().getUsername()).isEqualTo("ada");
            });
    // Accepting it gives exactly the model's text; rejecting would give the original.
    signedIn(ReviewServiceGrpc.newBlockingStub(channel))
        .resolveSuggestions(
            ResolveSuggestionsRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId("ada-review")
                .setClientSeq(1)
                .setAll(true)
                .setDecision(SuggestionDecision.SUGGESTION_DECISION_ACCEPT)
                .build());
    var head =
        signedIn(DocumentServiceGrpc.newBlockingStub(channel))
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(Document.fromContent(OperationCodec.fromWire(head.getContent(), "content")).text())
        .isEqualTo(Document.of(text).apply(change).text());
  }

  @Test
  void aSummaryPostedAsACommentIsTheAssistantsThreadOnTheSummarizedText() {
    String docId = createDocument("Raft keeps replicated logs consistent across failures.\n");

    List<AiEvent> events = new ArrayList<>();
    signedIn(AiServiceGrpc.newBlockingStub(channel))
        .summarize(AiRequest.newBuilder().setDocumentId(docId).setPostAsComment(true).build())
        .forEachRemaining(events::add);
    var completed = events.getLast().getCompleted();

    Review review =
        signedIn(ReviewServiceGrpc.newBlockingStub(channel))
            .getReview(GetReviewRequest.newBuilder().setDocumentId(docId).build())
            .getReview();
    if (completed.getText().isBlank()) {
      assertThat(review.getThreadsList()).isEmpty();
      return;
    }
    assertThat(review.getThreadsList())
        .singleElement()
        .satisfies(
            thread -> {
              assertThat(thread.getThreadId()).isEqualTo(completed.getThreadId());
              assertThat(thread.getComments(0).getByAssistant()).isTrue();
              assertThat(thread.getComments(0).getText()).isEqualTo(completed.getText().strip());
              assertThat(thread.getQuotedText()).startsWith("Raft keeps");
            });
  }

  @Test
  void aGrammarFixOfASelectionIsASuggestionThatAppliesAsAnOrdinaryEdit() {
    String before = "Keep this. ";
    String sentence = "Their is a error here.";
    String after = " And this.\n";
    String docId = createDocument(before + sentence + after);
    int start = before.length();

    List<AiEvent> events = new ArrayList<>();
    signedIn(AiServiceGrpc.newBlockingStub(channel))
        .fixGrammar(
            AiRequest.newBuilder()
                .setDocumentId(docId)
                .setRange(
                    Selection.newBuilder().setAnchor(start + sentence.length()).setHead(start))
                .build())
        .forEachRemaining(events::add);
    var completed = events.getLast().getCompleted();

    Operation suggestion = OperationCodec.fromWire(completed.getSuggestion(), "suggestion");
    String corrected = Document.of(before + sentence + after).apply(suggestion).text();
    assertThat(corrected).isEqualTo(before + completed.getText() + after);

    var accepted =
        signedIn(EditServiceGrpc.newBlockingStub(channel))
            .submitOperation(
                SubmitOperationRequest.newBuilder()
                    .setDocumentId(docId)
                    .setClientId("desk-1")
                    .setClientSeq(1)
                    .setBaseRevision(completed.getBaseRevision())
                    .setOperation(completed.getSuggestion())
                    .build());
    assertThat(accepted.getRevision()).isEqualTo(2); // after the initial text
    var head =
        signedIn(DocumentServiceGrpc.newBlockingStub(channel))
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(Document.fromContent(OperationCodec.fromWire(head.getContent(), "content")).text())
        .isEqualTo(corrected);
  }

  @Test
  void aQuestionAboutADocumentLongerThanTheContextIsAnsweredFromItsChunks() {
    StringBuilder text = new StringBuilder();
    for (int i = 1; i <= 20; i++) {
      text.append("Paragraph ")
          .append(i)
          .append(": the leader appends the edit to its log, then replicates it.\n\n");
    }
    String docId = createDocument(text.toString());

    List<AiEvent> events = new ArrayList<>();
    signedIn(AiServiceGrpc.newBlockingStub(channel))
        .ask(
            AskAiRequest.newBuilder()
                .setDocumentId(docId)
                .setQuestion("What does the leader do?")
                .build())
        .forEachRemaining(events::add);

    AiEvent last = events.getLast();
    assertThat(last.hasCompleted()).isTrue();
    assertThat(events.stream().filter(AiEvent::hasCompleted)).hasSize(1);
    String streamed =
        String.join("", events.stream().filter(AiEvent::hasToken).map(AiEvent::getToken).toList());
    assertThat(last.getCompleted().getText()).isNotBlank().isEqualTo(streamed.strip());
    assertThat(last.getCompleted().getBaseRevision()).isEqualTo(1);
    assertThat(last.getCompleted().hasSuggestion()).isFalse();
  }

  @Test
  void improvedWritingOfASelectionIsASuggestionForJustThatSelection() {
    String before = "Keep this. ";
    String sentence = "The thing that we did was the doing of the work.";
    String after = " And this.\n";
    String docId = createDocument(before + sentence + after);
    int start = before.length();

    List<AiEvent> events = new ArrayList<>();
    signedIn(AiServiceGrpc.newBlockingStub(channel))
        .improveWriting(
            AiRequest.newBuilder()
                .setDocumentId(docId)
                .setRange(
                    Selection.newBuilder().setAnchor(start).setHead(start + sentence.length()))
                .build())
        .forEachRemaining(events::add);
    var completed = events.getLast().getCompleted();

    assertThat(completed.getBaseRevision()).isEqualTo(1);
    Operation suggestion = OperationCodec.fromWire(completed.getSuggestion(), "suggestion");
    assertThat(Document.of(before + sentence + after).apply(suggestion).text())
        .isEqualTo(before + completed.getText() + after);
  }
}
