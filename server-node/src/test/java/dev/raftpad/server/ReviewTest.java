package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.next;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import dev.raftpad.proto.v1.CommentResponse;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetDocumentResponse;
import dev.raftpad.proto.v1.GetReviewRequest;
import dev.raftpad.proto.v1.ReplyRequest;
import dev.raftpad.proto.v1.ResolveSuggestionsRequest;
import dev.raftpad.proto.v1.ResolveThreadRequest;
import dev.raftpad.proto.v1.Review;
import dev.raftpad.proto.v1.ReviewAction;
import dev.raftpad.proto.v1.ReviewServiceGrpc;
import dev.raftpad.proto.v1.Selection;
import dev.raftpad.proto.v1.StartThreadRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.proto.v1.SuggestionDecision;
import dev.raftpad.testkit.Await;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comments and suggestions through the client API (ADR 0012): threads anchored on text and moved by
 * later typing, replies, resolve, @mentions heard only by the mentioned, resume of comments in
 * Subscribe, a commenter's suggestion accepted by an editor, and the review in GetDocument.
 */
class ReviewTest {
  @TempDir Path root;
  private TestCluster cluster;
  private ManagedChannel channel;
  private String ada; // owner
  private String grace; // commenter
  private String linus; // editor
  private String docId;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 1, "");
    channel = cluster.channel(cluster.leaderId());
    registerAndLogin(channel, "root");
    ada = registerAndLogin(channel, "ada");
    grace = registerAndLogin(channel, "grace");
    linus = registerAndLogin(channel, "linus");
    docId =
        withToken(DocumentServiceGrpc.newBlockingStub(channel), ada)
            .createDocument(
                CreateDocumentRequest.newBuilder()
                    .setTitle("Plans")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hello world\n")))
                    .build())
            .getDocument()
            .getDocumentId();
    TestCluster.share(channel, ada, docId, "grace", DocumentRole.DOCUMENT_ROLE_COMMENTER);
    TestCluster.share(channel, ada, docId, "linus", DocumentRole.DOCUMENT_ROLE_EDITOR);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private ReviewServiceGrpc.ReviewServiceBlockingStub review(String token) {
    return withToken(ReviewServiceGrpc.newBlockingStub(channel), token);
  }

  private CommentResponse startThread(
      String token, String clientId, int from, int to, String text) {
    return review(token)
        .startThread(
            StartThreadRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId(clientId)
                .setClientSeq(1)
                .setBaseRevision(1)
                .setRange(Selection.newBuilder().setAnchor(from).setHead(to))
                .setText(text)
                .build());
  }

  private long submit(String token, String clientId, long seq, long base, Operation op) {
    return withToken(EditServiceGrpc.newBlockingStub(channel), token)
        .submitOperation(
            SubmitOperationRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId(clientId)
                .setClientSeq(seq)
                .setBaseRevision(base)
                .setOperation(OperationCodec.toWire(op))
                .build())
        .getRevision();
  }

  private GetDocumentResponse document(String token) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
  }

  private static String text(GetDocumentResponse response) {
    return Document.fromContent(OperationCodec.fromWire(response.getContent(), "content")).text();
  }

  @Test
  void aThreadFollowsItsTextAndEveryReaderHearsItLive() throws Exception {
    var linusEvents = TestCluster.subscribe(channel, linus, docId);
    next(linusEvents, Event::hasLive);

    CommentResponse started = startThread(grace, "grace-1", 6, 11, "which world? @linus");
    assertThat(started.getThread().getQuotedText()).isEqualTo("world");
    Event heard = next(linusEvents, Event::hasCommentChanged);
    assertThat(heard.getCommentChanged().getAction()).isEqualTo(ReviewAction.REVIEW_ACTION_STARTED);
    assertThat(heard.getCommentChanged().getActor().getUsername()).isEqualTo("grace");

    submit(linus, "linus-1", 1, 1, Operation.insert(0, "Oh, ")); // revision 2: moves it right
    Review now = document(ada).getReview();
    assertThat(now.getRevision()).isEqualTo(2);
    assertThat(now.getThreads(0).getStart()).isEqualTo(10);
    assertThat(now.getThreads(0).getEnd()).isEqualTo(15);

    CommentResponse replied =
        review(linus)
            .reply(
                ReplyRequest.newBuilder()
                    .setDocumentId(docId)
                    .setClientId("linus-c")
                    .setClientSeq(1)
                    .setThreadId(started.getThread().getThreadId())
                    .setText("this one")
                    .build());
    assertThat(replied.getThread().getCommentsList())
        .extracting(c -> c.getAuthor().getUsername())
        .containsExactly("grace", "linus");
    review(grace)
        .resolveThread(
            ResolveThreadRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId("grace-1")
                .setClientSeq(2)
                .setThreadId(started.getThread().getThreadId())
                .setResolved(true)
                .build());
    Event resolved =
        next(
            linusEvents,
            e ->
                e.hasCommentChanged()
                    && e.getCommentChanged().getAction() == ReviewAction.REVIEW_ACTION_RESOLVED);
    assertThat(resolved.getCommentChanged().getThread().getResolvedBy().getUsername())
        .isEqualTo("grace");
  }

  @Test
  void aMentionIsHeardByTheMentionedUserOnly() throws Exception {
    var linusEvents = TestCluster.subscribe(channel, linus); // all documents
    next(linusEvents, Event::hasLive);
    var adaEvents = TestCluster.subscribe(channel, ada);
    next(adaEvents, Event::hasLive);

    startThread(grace, "grace-1", 0, 5, "@linus can you check?");

    Event mention = next(linusEvents, Event::hasMentioned);
    assertThat(mention.getMentioned().getBy().getUsername()).isEqualTo("grace");
    assertThat(mention.getDocumentId()).isEqualTo(docId);
    startThread(grace, "grace-2", 0, 5, "@ada now you");

    Event adas = next(adaEvents, Event::hasMentioned);
    assertThat(adas.getMentioned().getThread().getComments(0).getText()).startsWith("@ada");
    // Linus heard both comments, but the second mention was not his.
    next(
        linusEvents,
        e ->
            e.hasCommentChanged()
                && e.getCommentChanged().getThread().getComments(0).getText().startsWith("@ada"));
    assertThat(linusEvents).noneMatch(Event::hasMentioned);
  }

  @Test
  void aResumingSubscriberGetsTheThreadsChangedSinceItsReviewVersion() throws Exception {
    CommentResponse first = startThread(grace, "grace-1", 0, 5, "one");
    long seen = document(linus).getReview().getReviewVersion();
    CommentResponse second = startThread(grace, "grace-2", 6, 11, "two");

    BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    Metadata headers = new Metadata();
    headers.put(
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + linus);
    EventServiceGrpc.newStub(channel)
        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .subscribe(
            SubscribeRequest.newBuilder()
                .addDocumentIds(docId)
                .putAfterRevision(docId, 1)
                .putAfterReviewVersion(docId, seen)
                .build(),
            new StreamObserver<>() {
              @Override
              public void onNext(Event event) {
                events.add(event);
              }

              @Override
              public void onError(Throwable t) {}

              @Override
              public void onCompleted() {}
            });
    Event sync = next(events, Event::hasCommentChanged);
    assertThat(sync.getCommentChanged().getAction()).isEqualTo(ReviewAction.REVIEW_ACTION_SYNC);
    assertThat(sync.getCommentChanged().getThread().getThreadId())
        .isEqualTo(second.getThread().getThreadId())
        .isNotEqualTo(first.getThread().getThreadId());
    next(events, Event::hasLive);
  }

  @Test
  void aCommentersSuggestionIsShownWithItsAuthorAndAnEditorAcceptsIt() throws Exception {
    var adaEvents = TestCluster.subscribe(channel, ada, docId);
    next(adaEvents, Event::hasLive);
    Document head = Document.of("hello world\n");
    Operation typing = Operation.builder().retain(6).delete(5).insert("there").build();

    StatusRuntimeException direct =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> submit(grace, "grace-e", 1, 1, typing));
    assertThat(direct.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(detail(direct, ErrorInfo.class).getReason()).isEqualTo("NOT_ALLOWED");
    submit(grace, "grace-e", 2, 1, Suggestions.suggest(typing, head, "g1", id -> false));

    Event committed = next(adaEvents, Event::hasOperation);
    assertThat(committed.getOperation().getSuggestionsList())
        .singleElement()
        .satisfies(s -> assertThat(s.getAuthor().getUsername()).isEqualTo("grace"));
    Review review =
        review(ada)
            .getReview(GetReviewRequest.newBuilder().setDocumentId(docId).build())
            .getReview();
    assertThat(review.getSuggestionsList())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getSuggestionId()).isEqualTo("g1");
              assertThat(s.getDeletedText()).isEqualTo("world");
              assertThat(s.getInsertedText()).isEqualTo("there");
            });

    var resolve =
        ResolveSuggestionsRequest.newBuilder()
            .setDocumentId(docId)
            .setClientId("linus-r")
            .setClientSeq(1)
            .addSuggestionIds("g1")
            .setDecision(SuggestionDecision.SUGGESTION_DECISION_ACCEPT)
            .build();
    StatusRuntimeException commenterAccepts =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> review(grace).resolveSuggestions(resolve));
    assertThat(commenterAccepts.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    long revision = review(linus).resolveSuggestions(resolve).getRevision();
    assertThat(review(linus).resolveSuggestions(resolve).getDuplicate()).isTrue();
    assertThat(text(document(ada))).isEqualTo("hello there\n");
    assertThat(document(ada).getRevision()).isEqualTo(revision);
    StatusRuntimeException gone =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> review(linus).resolveSuggestions(resolve.toBuilder().setClientSeq(2).build()));
    assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(detail(gone, ErrorInfo.class).getReason()).isEqualTo("SUGGESTION_NOT_FOUND");
  }

  @Test
  void aThreadIsStartedExactlyOnceAcrossALeaderKill(@TempDir Path threeNodes) throws Exception {
    try (TestCluster three = TestCluster.start(threeNodes, 3, "")) {
      ManagedChannel first = three.channel(three.leaderId());
      registerAndLogin(first, "root");
      String token = registerAndLogin(first, "ada");
      String doc =
          withToken(DocumentServiceGrpc.newBlockingStub(first), token)
              .createDocument(
                  CreateDocumentRequest.newBuilder()
                      .setTitle("Failover")
                      .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hello\n")))
                      .build())
              .getDocument()
              .getDocumentId();
      StartThreadRequest request =
          StartThreadRequest.newBuilder()
              .setDocumentId(doc)
              .setClientId("ada-laptop")
              .setClientSeq(1)
              .setBaseRevision(1)
              .setRange(Selection.newBuilder().setAnchor(0).setHead(5))
              .setText("exactly once")
              .build();
      // Sent, then the leader is killed at once: the first answer may be lost.
      var sent = withToken(ReviewServiceGrpc.newFutureStub(first), token).startThread(request);
      three.stopNode(three.leaderId());
      CommentResponse firstAnswer;
      try {
        firstAnswer = sent.get();
      } catch (java.util.concurrent.ExecutionException lost) {
        firstAnswer = null;
      }
      CommentResponse retried =
          Await.value(
              "the retry answered once a new leader is elected",
              () -> {
                try {
                  return withToken(
                          ReviewServiceGrpc.newBlockingStub(three.channel(three.leaderId())), token)
                      .startThread(request);
                } catch (StatusRuntimeException notYet) {
                  return null;
                }
              });
      if (firstAnswer != null) {
        assertThat(retried.getDuplicate()).isTrue();
        assertThat(retried.getThread().getThreadId())
            .isEqualTo(firstAnswer.getThread().getThreadId());
      }
      Review after =
          withToken(ReviewServiceGrpc.newBlockingStub(three.channel(three.leaderId())), token)
              .getReview(GetReviewRequest.newBuilder().setDocumentId(doc).build())
              .getReview();
      assertThat(after.getThreadsList()).hasSize(1);
    }
  }

  @Test
  void badInputGetsAClearErrorAndChangesNothing() throws Exception {
    StatusRuntimeException empty =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> startThread(grace, "g", 3, 3, "empty range"));
    assertThat(empty.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(empty, ErrorInfo.class).getMetadataMap()).containsEntry("field", "range");
    StatusRuntimeException blank =
        catchThrowableOfType(
            StatusRuntimeException.class, () -> startThread(grace, "g", 0, 3, "   "));
    assertThat(detail(blank, ErrorInfo.class).getMetadataMap()).containsEntry("field", "text");
    StatusRuntimeException noThread =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                review(grace)
                    .reply(
                        ReplyRequest.newBuilder()
                            .setDocumentId(docId)
                            .setClientId("g")
                            .setClientSeq(1)
                            .setThreadId("t99")
                            .setText("hi")
                            .build()));
    assertThat(noThread.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(detail(noThread, ErrorInfo.class).getReason()).isEqualTo("COMMENT_NOT_FOUND");
    assertThat(document(ada).getReview().getThreadsList()).isEmpty();
  }
}
