package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.shareToEdit;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.rpc.ErrorInfo;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditRefused;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.server.TestCluster.EditStream;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The edit channel over real gRPC: one stream carries a session's operations and carets up and the
 * document's events down; confirmation is the session's own OperationCommitted, a refusal has an
 * answer of its own and leaves the stream open, and bad use ends the stream with a clear status.
 */
class EditChannelTest {
  @TempDir static Path root;
  private static TestCluster cluster;
  private static ManagedChannel leader;
  private static String ada;
  private static String bob;

  @BeforeAll
  static void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
    leader = cluster.channel(cluster.leaderId());
    ada = registerAndLogin(leader, "ada");
    bob = registerAndLogin(leader, "bob");
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static String newDocument(String title) {
    String id =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle(title).build())
            .getDocument()
            .getDocumentId();
    shareToEdit(leader, ada, id, "bob");
    return id;
  }

  private static long revisionOf(String documentId) {
    return withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
        .getDocument(GetDocumentRequest.newBuilder().setDocumentId(documentId).build())
        .getRevision();
  }

  @Test
  void aSessionsOwnOperationComesBackAsItsConfirmationAndAResendIsAppliedOnce() throws Exception {
    String doc = newDocument("channel");
    EditStream adaStream = TestCluster.openEditChannel(leader, ada, doc, 0);
    EditStream bobStream = TestCluster.openEditChannel(leader, bob, doc, 0);

    adaStream.submit("ada-1", 1, 0, Operation.insert(0, "hello"));
    Event confirmed =
        adaStream.nextEvent(
            e -> e.hasOperation() && e.getOperation().getClientId().equals("ada-1"));
    Event seenByBob = bobStream.nextEvent(Event::hasOperation);
    // Sent again, as after a reconnect: the same revision, not a second one.
    adaStream.submit("ada-1", 1, 0, Operation.insert(0, "hello"));
    bobStream.submit("bob-1", 1, 1, Operation.insert(5, " world"));
    bobStream.nextEvent(e -> e.hasOperation() && e.getOperation().getClientId().equals("bob-1"));

    assertThat(confirmed.getOperation().getClientSeq()).isEqualTo(1);
    assertThat(confirmed.getOperation().getRevision()).isEqualTo(1);
    assertThat(seenByBob.getOperation().getRevision()).isEqualTo(1);
    assertThat(revisionOf(doc)).isEqualTo(2);
    adaStream.up().onCompleted();
    bobStream.up().onCompleted();
  }

  @Test
  void aRefusedOperationIsAnsweredAndTheStreamGoesOn() throws Exception {
    String doc = newDocument("refusals");
    EditStream stream = TestCluster.openEditChannel(leader, ada, doc, 0);

    stream.submit("ada-2", 1, 99, Operation.insert(0, "too early"));
    EditRefused refused = stream.nextRefusal();
    stream.submit("ada-2", 2, 0, Operation.insert(0, "fine"));
    Event applied = stream.nextEvent(Event::hasOperation);

    assertThat(refused.getClientId()).isEqualTo("ada-2");
    assertThat(refused.getClientSeq()).isEqualTo(1);
    StatusRuntimeException status = StatusProto.toStatusRuntimeException(refused.getStatus());
    assertThat(TestCluster.detail(status, ErrorInfo.class).getReason())
        .isEqualTo("REVISION_IN_FUTURE");
    assertThat(applied.getOperation().getClientSeq()).isEqualTo(2);
    assertThat(stream.end()).isNotDone();
    stream.up().onCompleted();
  }

  @Test
  void caretsTravelOnTheChannelToTheDocumentsOtherStreams() throws Exception {
    String doc = newDocument("carets");
    EditStream adaStream = TestCluster.openEditChannel(leader, ada, doc, 0);
    EditStream bobStream = TestCluster.openEditChannel(leader, bob, doc, 0);

    adaStream
        .up()
        .onNext(
            EditChannelRequest.newBuilder()
                .setCursor(
                    UpdateCursorRequest.newBuilder()
                        .setClientId("ada-3")
                        .setSelection(
                            dev.raftpad.proto.v1.Selection.newBuilder().setAnchor(0).setHead(0)))
                .build());
    Event caret = bobStream.nextEvent(Event::hasCursor);

    assertThat(caret.getCursor().getClientId()).isEqualTo("ada-3");
    assertThat(caret.getCursor().getUser().getUsername()).isEqualTo("ada");
    adaStream.up().onCompleted();
    bobStream.up().onCompleted();
  }

  @Test
  void aSessionAtAFollowerWritesThroughTheLeaderAndCaretsCrossNodes() throws Exception {
    String doc = newDocument("at a follower");
    ManagedChannel follower = cluster.channel(cluster.aFollowerId());
    EditStream adaAtFollower = TestCluster.openEditChannel(follower, ada, doc, 0);
    EditStream bobAtLeader = TestCluster.openEditChannel(leader, bob, doc, 0);

    adaAtFollower.submit("ada-5", 1, 0, Operation.insert(0, "from a follower"));
    Event confirmed =
        adaAtFollower.nextEvent(
            e -> e.hasOperation() && e.getOperation().getClientId().equals("ada-5"));
    Event seenByBob = bobAtLeader.nextEvent(Event::hasOperation);
    // Sent again through the follower, as after a reconnect: applied once.
    adaAtFollower.submit("ada-5", 1, 0, Operation.insert(0, "from a follower"));
    // Refused by the state machine on apply: the follower's own apply answers it.
    adaAtFollower.submit("ada-5", 2, 99, Operation.insert(0, "too early"));
    EditRefused refused = adaAtFollower.nextRefusal();
    bobAtLeader.up().onNext(caret("bob-5", 3));
    Event bobsCaret =
        adaAtFollower.nextEvent(e -> e.hasCursor() && e.getCursor().getClientId().equals("bob-5"));
    adaAtFollower.up().onNext(caret("ada-5", 1));
    Event adasCaret =
        bobAtLeader.nextEvent(e -> e.hasCursor() && e.getCursor().getClientId().equals("ada-5"));

    assertThat(confirmed.getOperation().getRevision()).isEqualTo(1);
    assertThat(seenByBob.getOperation().getClientId()).isEqualTo("ada-5");
    assertThat(refused.getClientSeq()).isEqualTo(2);
    assertThat(revisionOf(doc)).isEqualTo(1);
    assertThat(bobsCaret.getCursor().getUser().getUsername()).isEqualTo("bob");
    assertThat(adasCaret.getCursor().getUser().getUsername()).isEqualTo("ada");
    assertThat(adaAtFollower.end()).isNotDone();
    adaAtFollower.up().onCompleted();
    bobAtLeader.up().onCompleted();
  }

  private static EditChannelRequest caret(String clientId, int at) {
    return EditChannelRequest.newBuilder()
        .setCursor(
            UpdateCursorRequest.newBuilder()
                .setClientId(clientId)
                .setSelection(
                    dev.raftpad.proto.v1.Selection.newBuilder().setAnchor(at).setHead(at)))
        .build();
  }

  @Test
  void badUseEndsTheStreamWithAClearStatus() throws Exception {
    String doc = newDocument("bad use");

    EditStream notOpened = TestCluster.editChannel(leader, ada);
    notOpened.submit("ada-4", 1, 0, Operation.insert(0, "x"));
    EditStream twoDocuments = TestCluster.editChannel(leader, ada);
    twoDocuments
        .up()
        .onNext(
            EditChannelRequest.newBuilder()
                .setOpen(
                    SubscribeRequest.newBuilder().addDocumentIds(doc).addDocumentIds(doc + "x"))
                .build());

    assertThat(Status.fromThrowable(notOpened.end().get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(Status.fromThrowable(twoDocuments.end().get(10, TimeUnit.SECONDS)).getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(revisionOf(doc)).isZero();
  }
}
