package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.next;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.protobuf.ByteString;
import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AddImageRequest;
import dev.raftpad.proto.v1.AiRequest;
import dev.raftpad.proto.v1.AiServiceGrpc;
import dev.raftpad.proto.v1.AskAiRequest;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DeleteDocumentRequest;
import dev.raftpad.proto.v1.DiffRevisionsRequest;
import dev.raftpad.proto.v1.DocumentInfo;
import dev.raftpad.proto.v1.DocumentRole;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditChannelRequest;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.GetAccessRequest;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.GetImageRequest;
import dev.raftpad.proto.v1.GetReviewRequest;
import dev.raftpad.proto.v1.HistoryServiceGrpc;
import dev.raftpad.proto.v1.ListDocumentsRequest;
import dev.raftpad.proto.v1.ListOnlineRequest;
import dev.raftpad.proto.v1.ListVersionsRequest;
import dev.raftpad.proto.v1.LockRequest;
import dev.raftpad.proto.v1.LockServiceGrpc;
import dev.raftpad.proto.v1.NameVersionRequest;
import dev.raftpad.proto.v1.PresenceServiceGrpc;
import dev.raftpad.proto.v1.RenameDocumentRequest;
import dev.raftpad.proto.v1.RenewLockRequest;
import dev.raftpad.proto.v1.ResolveSuggestionsRequest;
import dev.raftpad.proto.v1.RestoreRevisionRequest;
import dev.raftpad.proto.v1.ReviewServiceGrpc;
import dev.raftpad.proto.v1.Selection;
import dev.raftpad.proto.v1.SetLinkAccessRequest;
import dev.raftpad.proto.v1.ShareDocumentRequest;
import dev.raftpad.proto.v1.SharingServiceGrpc;
import dev.raftpad.proto.v1.StartThreadRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.SubscribeRequest;
import dev.raftpad.proto.v1.SuggestionDecision;
import dev.raftpad.proto.v1.TransferOwnershipRequest;
import dev.raftpad.proto.v1.UndeleteDocumentRequest;
import dev.raftpad.proto.v1.UnlockRequest;
import dev.raftpad.proto.v1.UnshareDocumentRequest;
import dev.raftpad.proto.v1.UpdateCursorRequest;
import dev.raftpad.server.testing.TestImages;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Documents belong to people: every document call checks the caller's role (reads here, writes in
 * the state machine at apply time), events reach only those who may read, and sharing changes are
 * events and history. One node: access is decided by the replicated state, which does not depend on
 * how many replicas there are ({@code SharingTest} shows replicas decide alike).
 */
class DocumentAccessTest {
  @TempDir Path root;
  private TestCluster cluster;
  private ManagedChannel channel;
  private String admin;
  private String ada;
  private String docId;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 1, "");
    channel = cluster.channel(cluster.leaderId());
    admin = registerAndLogin(channel, "root"); // the first account administers the cluster
    ada = registerAndLogin(channel, "ada");
    docId = create(ada, "Ada's plans");
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private String create(String token, String title) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .createDocument(
            CreateDocumentRequest.newBuilder()
                .setTitle(title)
                .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hello\n")))
                .build())
        .getDocument()
        .getDocumentId();
  }

  private SharingServiceGrpc.SharingServiceBlockingStub sharing(String token) {
    return withToken(SharingServiceGrpc.newBlockingStub(channel), token);
  }

  private void share(String owner, String username, DocumentRole role) {
    TestCluster.share(channel, owner, docId, username, role);
  }

  private DocumentInfo info(String token) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build())
        .getDocument();
  }

  /**
   * One document call, and the weakest role that may make it; {@code toOpen}, for a call on an edit
   * channel, the role its stream needs first (a caller below it is refused that role).
   */
  private record Call(String name, DocumentRole needs, DocumentRole toOpen, CallBody body) {
    Call(String name, DocumentRole needs, CallBody body) {
      this(name, needs, DocumentRole.DOCUMENT_ROLE_UNSPECIFIED, body);
    }

    /** The role a refusal of {@code caller} names. */
    DocumentRole refusalNames(DocumentRole caller) {
      return caller.getNumber() < toOpen.getNumber() ? toOpen : needs;
    }
  }

  @FunctionalInterface
  private interface CallBody {
    void run(String token, String docId) throws Exception;
  }

  /** An edit channel of the document once Live; its refusal thrown if it ends instead. */
  private TestCluster.EditStream openEditChannel(String token, String docId) {
    var stream = TestCluster.editChannel(channel, token);
    stream
        .up()
        .onNext(
            EditChannelRequest.newBuilder()
                .setOpen(SubscribeRequest.newBuilder().addDocumentIds(docId))
                .build());
    dev.raftpad.testkit.Await.until(
        "the channel live or ended",
        TestCluster.WAIT,
        () ->
            stream.end().isDone() || stream.down().stream().anyMatch(r -> r.getEvent().hasLive()));
    if (stream.end().getNow(null) instanceof StatusRuntimeException refused) {
      throw refused;
    }
    return stream;
  }

  /** An AI call: this cluster has no LLM node, so a caller that may make it gets UNAVAILABLE. */
  private static void unavailableOnceAllowed(Runnable call) {
    try {
      call.run();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() != Status.Code.UNAVAILABLE) {
        throw e;
      }
    }
  }

  /** An image of the document's store, added by its owner (the same bytes: the same id). */
  private String adasImage(String docId) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), ada)
        .addImage(
            AddImageRequest.newBuilder()
                .setDocumentId(docId)
                .setMediaType("image/png")
                .setData(ByteString.copyFrom(IMAGE))
                .build())
        .getImageId();
  }

  private static final byte[] IMAGE = TestImages.png(2, 2, java.awt.Color.ORANGE);

  private List<Call> everyDocumentCall() {
    return List.of(
        new Call("GetDocument", DocumentRole.DOCUMENT_ROLE_VIEWER, (t, d) -> info(t)),
        new Call(
            "GetImage",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) -> {
              String image = adasImage(d);
              var unused =
                  withToken(DocumentServiceGrpc.newBlockingStub(channel), t)
                      .getImage(
                          GetImageRequest.newBuilder().setDocumentId(d).setImageId(image).build());
            }),
        new Call(
            "AddImage",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) -> {
              var unused =
                  withToken(DocumentServiceGrpc.newBlockingStub(channel), t)
                      .addImage(
                          AddImageRequest.newBuilder()
                              .setDocumentId(d)
                              .setMediaType("image/png")
                              .setData(ByteString.copyFrom(IMAGE))
                              .build());
            }),
        new Call(
            "ListVersions",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                withToken(HistoryServiceGrpc.newBlockingStub(channel), t)
                    .listVersions(ListVersionsRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "DiffRevisions",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                withToken(HistoryServiceGrpc.newBlockingStub(channel), t)
                    .diffRevisions(
                        DiffRevisionsRequest.newBuilder()
                            .setDocumentId(d)
                            .setFromRevision(0)
                            .setToRevision(1)
                            .build())),
        new Call(
            "ListOnline of the document",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                withToken(PresenceServiceGrpc.newBlockingStub(channel), t)
                    .listOnline(ListOnlineRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "UpdateCursor",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                withToken(PresenceServiceGrpc.newBlockingStub(channel), t)
                    .updateCursor(
                        UpdateCursorRequest.newBuilder()
                            .setDocumentId(d)
                            .setClientId("cursor")
                            .setRevision(1)
                            .build())),
        new Call(
            "GetAccess",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) -> sharing(t).getAccess(GetAccessRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "Subscribe to the document",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) -> {
              var stream = TestCluster.subscription(channel, t, d);
              dev.raftpad.testkit.Await.until(
                  "the stream live or ended",
                  TestCluster.WAIT,
                  () -> stream.end().isDone() || stream.events().stream().anyMatch(Event::hasLive));
              if (stream.end().getNow(null) instanceof StatusRuntimeException refused) {
                throw refused;
              }
            }),
        new Call(
            "EditChannel opened on the document",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) -> openEditChannel(t, d).up().onCompleted()),
        new Call(
            "EditChannel submit",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) -> {
              var stream = openEditChannel(t, d);
              String clientId = "channel-" + java.util.UUID.randomUUID();
              stream.submit(clientId, 1, 0, Operation.insert(0, "x"));
              dev.raftpad.testkit.Await.until(
                  "the operation confirmed or refused",
                  TestCluster.WAIT,
                  () ->
                      stream.down().stream()
                          .anyMatch(
                              r ->
                                  r.hasRefused()
                                      || r.getEvent()
                                          .getOperation()
                                          .getClientId()
                                          .equals(clientId)));
              stream.up().onCompleted();
              var refused = stream.down().stream().filter(r -> r.hasRefused()).findFirst();
              if (refused.isPresent()) {
                throw io.grpc.protobuf.StatusProto.toStatusRuntimeException(
                    refused.get().getRefused().getStatus());
              }
            }),
        new Call(
            "Summarize (no LLM node: UNAVAILABLE once access is granted)",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                unavailableOnceAllowed(
                    () ->
                        withToken(AiServiceGrpc.newBlockingStub(channel), t)
                            .summarize(AiRequest.newBuilder().setDocumentId(d).build())
                            .next())),
        new Call(
            "FixGrammar (no LLM node: UNAVAILABLE once access is granted)",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                unavailableOnceAllowed(
                    () ->
                        withToken(AiServiceGrpc.newBlockingStub(channel), t)
                            .fixGrammar(AiRequest.newBuilder().setDocumentId(d).build())
                            .next())),
        new Call(
            "ImproveWriting (no LLM node: UNAVAILABLE once access is granted)",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                unavailableOnceAllowed(
                    () ->
                        withToken(AiServiceGrpc.newBlockingStub(channel), t)
                            .improveWriting(AiRequest.newBuilder().setDocumentId(d).build())
                            .next())),
        new Call(
            "Ask (no LLM node: UNAVAILABLE once access is granted)",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                unavailableOnceAllowed(
                    () ->
                        withToken(AiServiceGrpc.newBlockingStub(channel), t)
                            .ask(
                                AskAiRequest.newBuilder()
                                    .setDocumentId(d)
                                    .setQuestion("What is this about?")
                                    .build())
                            .next())),
        new Call(
            "SubmitOperation",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(EditServiceGrpc.newBlockingStub(channel), t)
                    .submitOperation(
                        SubmitOperationRequest.newBuilder()
                            .setDocumentId(d)
                            .setClientId("client-" + t.substring(0, 8))
                            .setClientSeq(1)
                            .setBaseRevision(1)
                            .setOperation(OperationCodec.toWire(Operation.insert(0, "x")))
                            .build())),
        new Call(
            "SubmitOperation (a suggestion)",
            DocumentRole.DOCUMENT_ROLE_COMMENTER,
            (t, d) ->
                withToken(EditServiceGrpc.newBlockingStub(channel), t)
                    .submitOperation(
                        SubmitOperationRequest.newBuilder()
                            .setDocumentId(d)
                            .setClientId("suggester-" + t.substring(0, 8))
                            .setClientSeq(1)
                            .setBaseRevision(1)
                            .setOperation(
                                OperationCodec.toWire(
                                    Operation.insert(
                                        0,
                                        "x",
                                        Attributes.builder()
                                            .suggestedInsert("s-" + t.substring(0, 8))
                                            .build())))
                            .build())),
        new Call(
            "GetReview",
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            (t, d) ->
                withToken(ReviewServiceGrpc.newBlockingStub(channel), t)
                    .getReview(GetReviewRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "StartThread",
            DocumentRole.DOCUMENT_ROLE_COMMENTER,
            (t, d) ->
                withToken(ReviewServiceGrpc.newBlockingStub(channel), t)
                    .startThread(
                        StartThreadRequest.newBuilder()
                            .setDocumentId(d)
                            .setClientId("commenter-" + t.substring(0, 8))
                            .setClientSeq(1)
                            .setBaseRevision(1)
                            .setRange(Selection.newBuilder().setAnchor(0).setHead(1))
                            .setText("a comment")
                            .build())),
        new Call(
            "ResolveSuggestions",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(ReviewServiceGrpc.newBlockingStub(channel), t)
                    .resolveSuggestions(
                        ResolveSuggestionsRequest.newBuilder()
                            .setDocumentId(d)
                            .setClientId("resolver-" + t.substring(0, 8))
                            .setClientSeq(1)
                            .setAll(true)
                            .setDecision(SuggestionDecision.SUGGESTION_DECISION_REJECT)
                            .build())),
        new Call(
            "RenameDocument",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(DocumentServiceGrpc.newBlockingStub(channel), t)
                    .renameDocument(
                        RenameDocumentRequest.newBuilder().setDocumentId(d).setTitle("T").build())),
        new Call(
            "NameVersion",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(HistoryServiceGrpc.newBlockingStub(channel), t)
                    .nameVersion(
                        NameVersionRequest.newBuilder()
                            .setDocumentId(d)
                            .setRevision(1)
                            .setName("first")
                            .build())),
        new Call(
            "RestoreRevision",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(HistoryServiceGrpc.newBlockingStub(channel), t)
                    .restoreRevision(
                        RestoreRevisionRequest.newBuilder()
                            .setDocumentId(d)
                            .setRevision(1)
                            .setClientId("restorer-" + t.substring(0, 8))
                            .setClientSeq(1)
                            .build())),
        new Call(
            "Lock",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(LockServiceGrpc.newBlockingStub(channel), t)
                    .lock(LockRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "RenewLock",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(LockServiceGrpc.newBlockingStub(channel), t)
                    .renewLock(RenewLockRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "Unlock",
            DocumentRole.DOCUMENT_ROLE_EDITOR,
            (t, d) ->
                withToken(LockServiceGrpc.newBlockingStub(channel), t)
                    .unlock(UnlockRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "ShareDocument",
            DocumentRole.DOCUMENT_ROLE_OWNER,
            (t, d) ->
                sharing(t)
                    .shareDocument(
                        ShareDocumentRequest.newBuilder()
                            .setDocumentId(d)
                            .setUsername("root")
                            .setRole(DocumentRole.DOCUMENT_ROLE_VIEWER)
                            .build())),
        new Call(
            "UnshareDocument",
            DocumentRole.DOCUMENT_ROLE_OWNER,
            (t, d) ->
                sharing(t)
                    .unshareDocument(
                        UnshareDocumentRequest.newBuilder()
                            .setDocumentId(d)
                            .setUsername("root")
                            .build())),
        new Call(
            "SetLinkAccess",
            DocumentRole.DOCUMENT_ROLE_OWNER,
            (t, d) ->
                sharing(t)
                    .setLinkAccess(
                        SetLinkAccessRequest.newBuilder()
                            .setDocumentId(d)
                            .setRole(DocumentRole.DOCUMENT_ROLE_VIEWER)
                            .build())),
        new Call(
            "TransferOwnership",
            DocumentRole.DOCUMENT_ROLE_OWNER,
            (t, d) ->
                sharing(t)
                    .transferOwnership(
                        TransferOwnershipRequest.newBuilder()
                            .setDocumentId(d)
                            .setUsername("root")
                            .build())),
        new Call(
            "DeleteDocument",
            DocumentRole.DOCUMENT_ROLE_OWNER,
            (t, d) ->
                withToken(DocumentServiceGrpc.newBlockingStub(channel), t)
                    .deleteDocument(DeleteDocumentRequest.newBuilder().setDocumentId(d).build())),
        new Call(
            "UndeleteDocument",
            DocumentRole.DOCUMENT_ROLE_OWNER,
            (t, d) ->
                withToken(DocumentServiceGrpc.newBlockingStub(channel), t)
                    .undeleteDocument(
                        UndeleteDocumentRequest.newBuilder().setDocumentId(d).build())));
  }

  @Test
  void everyDocumentCallRefusesARoleWeakerThanItNeedsAndAllowsTheRest() throws Exception {
    String grace = registerAndLogin(channel, "grace");
    // Below owner, in order: no access, then each role the owner can give.
    List<DocumentRole> roles =
        List.of(
            DocumentRole.DOCUMENT_ROLE_UNSPECIFIED,
            DocumentRole.DOCUMENT_ROLE_VIEWER,
            DocumentRole.DOCUMENT_ROLE_COMMENTER,
            DocumentRole.DOCUMENT_ROLE_EDITOR);
    for (DocumentRole role : roles) {
      if (role != DocumentRole.DOCUMENT_ROLE_UNSPECIFIED) {
        share(ada, "grace", role);
      }
      for (Call call : everyDocumentCall()) {
        Throwable failure = catchThrowable(() -> call.body().run(grace, docId));
        String what = call.name() + " as " + role;
        if (role.getNumber() < call.needs().getNumber()) {
          assertThat(failure).as(what).isInstanceOf(StatusRuntimeException.class);
          StatusRuntimeException refused = (StatusRuntimeException) failure;
          assertThat(refused.getStatus().getCode())
              .as(what)
              .isEqualTo(Status.Code.PERMISSION_DENIED);
          ErrorInfo info = detail(refused, ErrorInfo.class);
          assertThat(info.getReason()).as(what).isEqualTo("NOT_ALLOWED");
          assertThat(info.getMetadataMap())
              .as(what)
              .containsEntry(
                  "required_role", call.refusalNames(role).name().replace("DOCUMENT_ROLE_", ""));
        } else {
          assertThat(failure).as(what).isNull();
        }
      }
    }
    // The admin, with no role on it, may not read it either.
    Throwable adminRead = catchThrowable(() -> info(admin));
    assertThat(((StatusRuntimeException) adminRead).getStatus().getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void aUserWithoutAccessNeverHearsOfTheDocumentAndItsReadersHearEverything() throws Exception {
    String grace = registerAndLogin(channel, "grace");
    var graceEvents = TestCluster.subscribe(channel, grace);
    next(graceEvents, Event::hasLive);
    var adaEvents = TestCluster.subscribe(channel, ada);
    next(adaEvents, Event::hasLive);

    String secret = create(ada, "Secret");
    withToken(DocumentServiceGrpc.newBlockingStub(channel), ada)
        .renameDocument(
            RenameDocumentRequest.newBuilder().setDocumentId(secret).setTitle("S2").build());
    withToken(EditServiceGrpc.newBlockingStub(channel), ada)
        .submitOperation(
            SubmitOperationRequest.newBuilder()
                .setDocumentId(secret)
                .setClientId("ada-1")
                .setClientSeq(1)
                .setBaseRevision(1)
                .setOperation(OperationCodec.toWire(Operation.insert(0, "x")))
                .build());
    withToken(LockServiceGrpc.newBlockingStub(channel), ada)
        .lock(LockRequest.newBuilder().setDocumentId(secret).build());
    // Then a document shared with grace: the first document event she gets must be about it.
    String open = create(ada, "Open");
    TestCluster.share(channel, ada, open, "grace", DocumentRole.DOCUMENT_ROLE_VIEWER);

    Event first = next(graceEvents, e -> !e.getDocumentId().isEmpty());
    assertThat(first.getDocumentId()).isEqualTo(open);
    assertThat(first.hasAccessChanged()).isTrue();
    assertThat(first.getAccessChanged().getAccess().getYourRole())
        .isEqualTo(DocumentRole.DOCUMENT_ROLE_VIEWER);
    // Ada, the owner, heard all of it, with her role on what she created.
    Event created = next(adaEvents, e -> e.hasCreated() && e.getDocumentId().equals(secret));
    assertThat(created.getCreated().getDocument().getYourRole())
        .isEqualTo(DocumentRole.DOCUMENT_ROLE_OWNER);
    next(adaEvents, e -> e.hasLocked() && e.getDocumentId().equals(secret));
  }

  @Test
  void removingAccessEndsAStreamThatNamedTheDocumentAndTellsAnAllDocumentsStream()
      throws Exception {
    String grace = registerAndLogin(channel, "grace");
    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_EDITOR);
    var named = TestCluster.subscription(channel, grace, docId);
    next(named.events(), Event::hasLive);
    var everything = TestCluster.subscribe(channel, grace);
    next(everything, Event::hasLive);

    sharing(ada)
        .unshareDocument(
            UnshareDocumentRequest.newBuilder().setDocumentId(docId).setUsername("grace").build());

    Throwable end = named.end().get(TestCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(((StatusRuntimeException) end).getStatus().getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(detail((StatusRuntimeException) end, ErrorInfo.class).getReason())
        .isEqualTo("NOT_ALLOWED");
    Event removed = next(everything, Event::hasAccessChanged);
    assertThat(removed.getDocumentId()).isEqualTo(docId);
    assertThat(removed.getAccessChanged().getAccess().getYourRole())
        .isEqualTo(DocumentRole.DOCUMENT_ROLE_UNSPECIFIED);
    assertThat(removed.getAccessChanged().getAccess().getPeopleList()).isEmpty();
    assertThat(removed.getAccessChanged().hasChange()).as("nothing more than that").isFalse();
  }

  @Test
  void whoIsOnlineShowsOthersInOnlyTheDocumentsTheCallerMayRead() throws Exception {
    String grace = registerAndLogin(channel, "grace");
    var adaInHerDocument = TestCluster.subscription(channel, ada, docId);
    next(adaInHerDocument.events(), Event::hasLive);
    var presence = withToken(PresenceServiceGrpc.newBlockingStub(channel), grace);

    dev.raftpad.testkit.Await.until(
        "ada online",
        TestCluster.WAIT,
        () ->
            presence.listOnline(ListOnlineRequest.getDefaultInstance()).getOnlineList().stream()
                .anyMatch(e -> e.getUser().getUsername().equals("ada")));
    var adaAsGraceSeesHer =
        presence.listOnline(ListOnlineRequest.getDefaultInstance()).getOnlineList().stream()
            .filter(e -> e.getUser().getUsername().equals("ada"))
            .findFirst()
            .orElseThrow();
    assertThat(adaAsGraceSeesHer.getDocumentIdsList())
        .as("ada is online, but grace may not know which document she has open")
        .isEmpty();

    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_VIEWER);
    assertThat(
            presence.listOnline(ListOnlineRequest.getDefaultInstance()).getOnlineList().stream()
                .filter(e -> e.getUser().getUsername().equals("ada"))
                .flatMap(e -> e.getDocumentIdsList().stream())
                .toList())
        .containsExactly(docId);
  }

  @Test
  void listingsShowOnlyReadableDocumentsWithTheCallersRoleAndAdminsMayListEveryOne()
      throws Exception {
    String grace = registerAndLogin(channel, "grace");
    String gracesOwn = create(grace, "Grace's");
    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_COMMENTER);
    create(ada, "Ada's private");

    var graceList =
        withToken(DocumentServiceGrpc.newBlockingStub(channel), grace)
            .listDocuments(ListDocumentsRequest.getDefaultInstance())
            .getDocumentsList();
    assertThat(graceList)
        .extracting(DocumentInfo::getDocumentId, DocumentInfo::getYourRole)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(gracesOwn, DocumentRole.DOCUMENT_ROLE_OWNER),
            org.assertj.core.groups.Tuple.tuple(docId, DocumentRole.DOCUMENT_ROLE_COMMENTER));

    Throwable notAdmin =
        catchThrowable(
            () ->
                withToken(DocumentServiceGrpc.newBlockingStub(channel), grace)
                    .listDocuments(ListDocumentsRequest.newBuilder().setAdminister(true).build()));
    assertThat(((StatusRuntimeException) notAdmin).getStatus().getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    var adminList =
        withToken(DocumentServiceGrpc.newBlockingStub(channel), admin)
            .listDocuments(ListDocumentsRequest.newBuilder().setAdminister(true).build())
            .getDocumentsList();
    assertThat(adminList).hasSize(3);
    assertThat(adminList)
        .allSatisfy(
            d -> assertThat(d.getYourRole()).isEqualTo(DocumentRole.DOCUMENT_ROLE_UNSPECIFIED));
    assertThat(
            withToken(DocumentServiceGrpc.newBlockingStub(channel), admin)
                .listDocuments(ListDocumentsRequest.getDefaultInstance())
                .getDocumentsList())
        .as("without administer an admin sees what is shared with them: nothing")
        .isEmpty();
  }

  @Test
  void anAdminRecoversAnOrphanedDocumentByTransferringItsOwnership() throws Exception {
    registerAndLogin(channel, "grace");
    var transferred =
        sharing(admin)
            .transferOwnership(
                TransferOwnershipRequest.newBuilder()
                    .setDocumentId(docId)
                    .setUsername("grace")
                    .build())
            .getAccess();

    assertThat(transferred.getOwner().getUsername()).isEqualTo("grace");
    assertThat(transferred.getPeopleList())
        .extracting(p -> p.getUser().getUsername(), p -> p.getRole())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("ada", DocumentRole.DOCUMENT_ROLE_EDITOR));
    assertThat(transferred.getYourRole())
        .as("the admin still has no role on it")
        .isEqualTo(DocumentRole.DOCUMENT_ROLE_UNSPECIFIED);
    Throwable adminShares =
        catchThrowable(
            () ->
                sharing(admin)
                    .shareDocument(
                        ShareDocumentRequest.newBuilder()
                            .setDocumentId(docId)
                            .setUsername("root")
                            .setRole(DocumentRole.DOCUMENT_ROLE_EDITOR)
                            .build()));
    assertThat(((StatusRuntimeException) adminShares).getStatus().getCode())
        .as("an admin transfers ownership, nothing else")
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void linkAccessOpensTheDocumentToEverySignedInUserAtItsRole() throws Exception {
    String grace = registerAndLogin(channel, "grace");
    sharing(ada)
        .setLinkAccess(
            SetLinkAccessRequest.newBuilder()
                .setDocumentId(docId)
                .setRole(DocumentRole.DOCUMENT_ROLE_VIEWER)
                .build());

    assertThat(info(grace).getYourRole()).isEqualTo(DocumentRole.DOCUMENT_ROLE_VIEWER);
    assertThat(info(grace).getLinkRole()).isEqualTo(DocumentRole.DOCUMENT_ROLE_VIEWER);
    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_EDITOR);
    assertThat(info(grace).getYourRole())
        .as("the stronger of the two")
        .isEqualTo(DocumentRole.DOCUMENT_ROLE_EDITOR);

    sharing(ada).setLinkAccess(SetLinkAccessRequest.newBuilder().setDocumentId(docId).build());
    sharing(ada)
        .unshareDocument(
            UnshareDocumentRequest.newBuilder().setDocumentId(docId).setUsername("grace").build());
    Throwable closed = catchThrowable(() -> info(grace));
    assertThat(((StatusRuntimeException) closed).getStatus().getCode())
        .isEqualTo(Status.Code.PERMISSION_DENIED);
  }

  @Test
  void sharingChangesAreIdempotentAndKeptInTheDocumentsHistory() throws Exception {
    registerAndLogin(channel, "grace");
    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_VIEWER);
    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_VIEWER); // again: nothing changes
    share(ada, "grace", DocumentRole.DOCUMENT_ROLE_EDITOR);
    sharing(ada)
        .unshareDocument(
            UnshareDocumentRequest.newBuilder().setDocumentId(docId).setUsername("grace").build());
    sharing(ada)
        .unshareDocument(
            UnshareDocumentRequest.newBuilder().setDocumentId(docId).setUsername("grace").build());

    var history =
        withToken(HistoryServiceGrpc.newBlockingStub(channel), ada)
            .listVersions(ListVersionsRequest.newBuilder().setDocumentId(docId).build())
            .getAccessChangesList();
    assertThat(history).hasSize(3);
    assertThat(history.get(0).hasUnshared()).as("newest first").isTrue();
    assertThat(history.get(1).getShared().getRole()).isEqualTo(DocumentRole.DOCUMENT_ROLE_EDITOR);
    assertThat(history.get(2).getShared().getRole()).isEqualTo(DocumentRole.DOCUMENT_ROLE_VIEWER);
    assertThat(history).allSatisfy(c -> assertThat(c.getActor().getUsername()).isEqualTo("ada"));
    assertThat(
            sharing(ada)
                .getAccess(GetAccessRequest.newBuilder().setDocumentId(docId).build())
                .getChangesList())
        .isEqualTo(history);
  }

  @Test
  void sharingRefusesUnknownUsersTheOwnerAndRolesItCannotGive() throws Exception {
    Throwable unknown =
        catchThrowable(
            () ->
                sharing(ada)
                    .shareDocument(
                        ShareDocumentRequest.newBuilder()
                            .setDocumentId(docId)
                            .setUsername("nobody")
                            .setRole(DocumentRole.DOCUMENT_ROLE_VIEWER)
                            .build()));
    assertThat(((StatusRuntimeException) unknown).getStatus().getCode())
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(detail((StatusRuntimeException) unknown, ErrorInfo.class).getReason())
        .isEqualTo("USER_NOT_FOUND");

    Throwable owner =
        catchThrowable(
            () ->
                sharing(ada)
                    .shareDocument(
                        ShareDocumentRequest.newBuilder()
                            .setDocumentId(docId)
                            .setUsername("ada")
                            .setRole(DocumentRole.DOCUMENT_ROLE_VIEWER)
                            .build()));
    assertThat(((StatusRuntimeException) owner).getStatus().getCode())
        .isEqualTo(Status.Code.INVALID_ARGUMENT);

    for (DocumentRole role :
        List.of(DocumentRole.DOCUMENT_ROLE_UNSPECIFIED, DocumentRole.DOCUMENT_ROLE_OWNER)) {
      Throwable bad =
          catchThrowable(
              () ->
                  sharing(ada)
                      .shareDocument(
                          ShareDocumentRequest.newBuilder()
                              .setDocumentId(docId)
                              .setUsername("root")
                              .setRole(role)
                              .build()));
      assertThat(((StatusRuntimeException) bad).getStatus().getCode())
          .as(role.name())
          .isEqualTo(Status.Code.INVALID_ARGUMENT);
    }
    assertThat(
            sharing(ada)
                .getAccess(GetAccessRequest.newBuilder().setDocumentId(docId).build())
                .getChangesList())
        .as("nothing was recorded")
        .isEmpty();
  }
}
