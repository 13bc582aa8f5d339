package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AiRequest;
import dev.raftpad.proto.v1.AiServiceGrpc;
import dev.raftpad.proto.v1.AskAiRequest;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.Selection;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The AI service's own checks and its failure when no LLM node answers. Forwarding to a real LLM
 * node with a real model is tested in the packaging module, which may depend on both.
 */
class AiForwardingTest {
  @TempDir Path root;

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort(); // nobody listens here once the socket is closed
    }
  }

  private static String createDocument(ManagedChannel channel, String token) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .createDocument(
            CreateDocumentRequest.newBuilder()
                .setTitle("Essay")
                .setInitialContent(
                    OperationCodec.toWire(Operation.insert(0, "Their is a error here.\n")))
                .build())
        .getDocument()
        .getDocumentId();
  }

  private static StatusRuntimeException failure(Runnable call) {
    return catchThrowableOfType(StatusRuntimeException.class, call::run);
  }

  @Test
  void withoutAnLlmNodeConfiguredAiCallsAreUnavailableWithAClearReason() throws Exception {
    try (TestCluster cluster = TestCluster.start(root, 1, "")) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada");
      String docId = createDocument(channel, ada);
      var ai = withToken(AiServiceGrpc.newBlockingStub(channel), ada);

      StatusRuntimeException e =
          failure(() -> ai.summarize(AiRequest.newBuilder().setDocumentId(docId).build()).next());

      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("LLM_UNAVAILABLE");
      assertThat(e.getStatus().getDescription()).contains("--llm");
    }
  }

  @Test
  void anLlmNodeThatIsDownIsReportedAsUnavailableNamingItsAddress() throws Exception {
    String llm = "127.0.0.1:" + closedPort();
    try (TestCluster cluster = TestCluster.start(root, 1, llm)) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada");
      String docId = createDocument(channel, ada);
      var ai = withToken(AiServiceGrpc.newBlockingStub(channel), ada);

      for (Runnable call :
          List.<Runnable>of(
              () -> ai.fixGrammar(AiRequest.newBuilder().setDocumentId(docId).build()).next(),
              () -> ai.improveWriting(AiRequest.newBuilder().setDocumentId(docId).build()).next(),
              () -> ai.ask(question(docId, "Is there an error?").build()).next())) {
        StatusRuntimeException e = failure(call);

        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("LLM_UNAVAILABLE");
        assertThat(e.getStatus().getDescription()).contains(llm);
      }
    }
  }

  @Test
  void accessAndInputAreCheckedBeforeAnythingIsForwarded() throws Exception {
    try (TestCluster cluster = TestCluster.start(root, 1, "127.0.0.1:" + closedPort())) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada");
      String docId = createDocument(channel, ada);
      var ai = withToken(AiServiceGrpc.newBlockingStub(channel), ada);

      StatusRuntimeException anonymous =
          failure(
              () ->
                  AiServiceGrpc.newBlockingStub(channel)
                      .summarize(AiRequest.newBuilder().setDocumentId(docId).build())
                      .next());
      assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

      StatusRuntimeException unknown =
          failure(
              () ->
                  ai.summarize(AiRequest.newBuilder().setDocumentId("no-such-doc").build()).next());
      assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);

      StatusRuntimeException beyondTheEnd =
          failure(
              () ->
                  ai.fixGrammar(
                          AiRequest.newBuilder()
                              .setDocumentId(docId)
                              .setRange(Selection.newBuilder().setAnchor(3).setHead(500))
                              .build())
                      .next());
      assertThat(beyondTheEnd.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
      assertThat(detail(beyondTheEnd, ErrorInfo.class).getMetadataMap())
          .containsEntry("field", "range");

      StatusRuntimeException future =
          failure(
              () ->
                  ai.summarize(AiRequest.newBuilder().setDocumentId(docId).setRevision(99).build())
                      .next());
      assertThat(future.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);

      StatusRuntimeException futureQuestion =
          failure(() -> ai.ask(question(docId, "Why?").setRevision(99).build()).next());
      assertThat(futureQuestion.getStatus().getCode()).isEqualTo(Status.Code.OUT_OF_RANGE);

      StatusRuntimeException improveBeyondTheEnd =
          failure(
              () ->
                  ai.improveWriting(
                          AiRequest.newBuilder()
                              .setDocumentId(docId)
                              .setRange(Selection.newBuilder().setAnchor(0).setHead(500))
                              .build())
                      .next());
      assertThat(detail(improveBeyondTheEnd, ErrorInfo.class).getMetadataMap())
          .containsEntry("field", "range");
    }
  }

  @Test
  void aCommenterMayAskForTheAssistantsSuggestionsButNotForARewriteToApply() throws Exception {
    try (TestCluster cluster = TestCluster.start(root, 1, "127.0.0.1:" + closedPort())) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada");
      String grace = registerAndLogin(channel, "grace");
      String docId = createDocument(channel, ada);
      TestCluster.share(
          channel, ada, docId, "grace", dev.raftpad.proto.v1.DocumentRole.DOCUMENT_ROLE_COMMENTER);
      var ai = withToken(AiServiceGrpc.newBlockingStub(channel), grace);

      StatusRuntimeException preview =
          failure(() -> ai.fixGrammar(AiRequest.newBuilder().setDocumentId(docId).build()).next());
      assertThat(preview.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
      // As suggestions (or a summary posted as a comment) the role is enough: what is left is
      // the LLM node, which is down here.
      StatusRuntimeException suggested =
          failure(
              () ->
                  ai.improveWriting(
                          AiRequest.newBuilder()
                              .setDocumentId(docId)
                              .setAsSuggestions(true)
                              .build())
                      .next());
      assertThat(suggested.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
      StatusRuntimeException commented =
          failure(
              () ->
                  ai.summarize(
                          AiRequest.newBuilder()
                              .setDocumentId(docId)
                              .setPostAsComment(true)
                              .build())
                      .next());
      assertThat(commented.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

      StatusRuntimeException summaryAsSuggestion =
          failure(
              () ->
                  ai.summarize(
                          AiRequest.newBuilder()
                              .setDocumentId(docId)
                              .setAsSuggestions(true)
                              .build())
                      .next());
      assertThat(detail(summaryAsSuggestion, ErrorInfo.class).getMetadataMap())
          .containsEntry("field", "as_suggestions");
      StatusRuntimeException grammarAsComment =
          failure(
              () ->
                  ai.fixGrammar(
                          AiRequest.newBuilder()
                              .setDocumentId(docId)
                              .setPostAsComment(true)
                              .build())
                      .next());
      assertThat(detail(grammarAsComment, ErrorInfo.class).getMetadataMap())
          .containsEntry("field", "post_as_comment");
    }
  }

  @Test
  void aQuestionMustHaveTextAndAtMostTwoThousandCharacters() throws Exception {
    try (TestCluster cluster = TestCluster.start(root, 1, "127.0.0.1:" + closedPort())) {
      ManagedChannel channel = cluster.channel(cluster.leaderId());
      String ada = registerAndLogin(channel, "ada");
      String docId = createDocument(channel, ada);
      var ai = withToken(AiServiceGrpc.newBlockingStub(channel), ada);

      for (String bad : List.of("", " \n\t ", "x".repeat(2_001), "\uD83D\uDE00".repeat(2_001))) {
        StatusRuntimeException refused = failure(() -> ai.ask(question(docId, bad).build()).next());

        assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        ErrorInfo info = detail(refused, ErrorInfo.class);
        assertThat(info.getReason()).isEqualTo("INVALID_FIELD");
        assertThat(info.getMetadataMap()).containsEntry("field", "question");
        assertThat(refused.getStatus().getDescription()).contains("question", "2000");
      }
      // Characters are code points: 2,000 emoji (4,000 UTF-16 units) pass, and are forwarded.
      StatusRuntimeException forwarded =
          failure(() -> ai.ask(question(docId, "\uD83D\uDE00".repeat(2_000)).build()).next());
      assertThat(forwarded.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);

      // Access comes first: a question about a document one may not read says nothing else.
      String grace = registerAndLogin(channel, "grace");
      StatusRuntimeException notAllowed =
          failure(
              () ->
                  withToken(AiServiceGrpc.newBlockingStub(channel), grace)
                      .ask(question(docId, "").build())
                      .next());
      assertThat(notAllowed.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    }
  }

  private static AskAiRequest.Builder question(String docId, String question) {
    return AskAiRequest.newBuilder().setDocumentId(docId).setQuestion(question);
  }
}
