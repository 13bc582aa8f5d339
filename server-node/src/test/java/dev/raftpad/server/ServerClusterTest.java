package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.LoginRequest;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.RegisterRequest;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.proto.v1.WhoAmIRequest;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.testkit.Await;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three server nodes over real gRPC on loopback with real data dirs, driven as a client would. */
class ServerClusterTest {
  private static final Set<String> FOUNDERS = Set.of("n1", "n2", "n3");

  @TempDir Path root;
  private TestCluster cluster;

  @BeforeEach
  void startCluster() throws Exception {
    cluster = TestCluster.start(root, FOUNDERS.size(), "");
  }

  @AfterEach
  void stopCluster() throws Exception {
    cluster.close();
  }

  private String leaderId() {
    return cluster.leaderId();
  }

  private ManagedChannel channel(String nodeId) {
    return cluster.channel(nodeId);
  }

  private static <S extends io.grpc.stub.AbstractStub<S>> S withToken(S stub, String token) {
    return TestCluster.withToken(stub, token);
  }

  private static <T extends com.google.protobuf.Message> T detail(
      StatusRuntimeException e, Class<T> type) throws Exception {
    return TestCluster.detail(e, type);
  }

  @Test
  void aUserRegistersLogsInCreatesAndEditsADocumentThroughTheLeader() {
    ManagedChannel leader = channel(leaderId());
    var accounts =
        AccountServiceGrpc.newBlockingStub(leader).withDeadlineAfter(20, TimeUnit.SECONDS);

    var user =
        accounts.register(
            RegisterRequest.newBuilder().setUsername("ada").setPassword("correct horse").build());
    assertThat(user.getUser().getAdmin()).isTrue();
    String token =
        accounts
            .login(
                LoginRequest.newBuilder().setUsername("ada").setPassword("correct horse").build())
            .getToken();
    assertThat(token).hasSizeGreaterThanOrEqualTo(43); // 256 bits, base64url

    var documents = withToken(DocumentServiceGrpc.newBlockingStub(leader), token);
    String docId =
        documents
            .createDocument(
                CreateDocumentRequest.newBuilder()
                    .setTitle("Plans")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "hello\n")))
                    .build())
            .getDocument()
            .getDocumentId();
    var edits = withToken(EditServiceGrpc.newBlockingStub(leader), token);
    var first =
        edits.submitOperation(
            SubmitOperationRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId("laptop-1")
                .setClientSeq(1)
                .setBaseRevision(1) // revision 1 is the initial text
                .setOperation(OperationCodec.toWire(Operation.insert(5, " world")))
                .build());
    var resent =
        edits.submitOperation(
            SubmitOperationRequest.newBuilder()
                .setDocumentId(docId)
                .setClientId("laptop-1")
                .setClientSeq(1)
                .setBaseRevision(1) // revision 1 is the initial text
                .setOperation(OperationCodec.toWire(Operation.insert(5, " world")))
                .build());

    assertThat(first.getRevision()).isEqualTo(2);
    assertThat(resent.getDuplicate()).isTrue();
    assertThat(resent.getRevision()).isEqualTo(2);

    // Any node reads it linearizably, a follower included.
    String follower =
        FOUNDERS.stream().filter(id -> !id.equals(leaderId())).findFirst().orElseThrow();
    var fromFollower =
        withToken(DocumentServiceGrpc.newBlockingStub(channel(follower)), token)
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(OperationCodec.fromWire(fromFollower.getContent(), "content"))
        .isEqualTo(Operation.insert(0, "hello world\n"));
    assertThat(fromFollower.getRevision()).isEqualTo(2);
    assertThat(
            withToken(AccountServiceGrpc.newBlockingStub(channel(follower)), token)
                .whoAmI(WhoAmIRequest.getDefaultInstance())
                .getUser()
                .getUsername())
        .isEqualTo("ada");
  }

  private String registerAndLogin(ManagedChannel channel, String name) {
    return TestCluster.registerAndLogin(channel, name);
  }

  private static SubmitOperationRequest insert(
      String doc, String client, long seq, long base, int at, String text) {
    return SubmitOperationRequest.newBuilder()
        .setDocumentId(doc)
        .setClientId(client)
        .setClientSeq(seq)
        .setBaseRevision(base)
        .setOperation(OperationCodec.toWire(Operation.insert(at, text)))
        .build();
  }

  @Test
  void aLockMakesTheDocumentReadOnlyForOthersAndDocumentsCanBeRenamedListedAndDeleted()
      throws Exception {
    ManagedChannel leader = channel(leaderId());
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    var adaDocs = withToken(DocumentServiceGrpc.newBlockingStub(leader), ada);
    String docId =
        adaDocs
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Plans").build())
            .getDocument()
            .getDocumentId();
    TestCluster.shareToEdit(leader, ada, docId, "grace");

    var lock =
        withToken(dev.raftpad.proto.v1.LockServiceGrpc.newBlockingStub(leader), ada)
            .lock(dev.raftpad.proto.v1.LockRequest.newBuilder().setDocumentId(docId).build())
            .getLock();
    assertThat(lock.getHolder().getUsername()).isEqualTo("ada");

    StatusRuntimeException locked =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(EditServiceGrpc.newBlockingStub(leader), grace)
                    .submitOperation(insert(docId, "g", 1, 0, 0, "x")));
    assertThat(locked.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(detail(locked, ErrorInfo.class).getMetadataMap()).containsEntry("holder", "ada");
    assertThat(
            withToken(EditServiceGrpc.newBlockingStub(leader), ada)
                .submitOperation(insert(docId, "a", 1, 0, 0, "mine"))
                .getRevision())
        .isEqualTo(1);

    StatusRuntimeException notHolder =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(dev.raftpad.proto.v1.LockServiceGrpc.newBlockingStub(leader), grace)
                    .unlock(
                        dev.raftpad.proto.v1.UnlockRequest.newBuilder()
                            .setDocumentId(docId)
                            .build()));
    assertThat(detail(notHolder, ErrorInfo.class).getReason()).isEqualTo("NOT_LOCK_HOLDER");
    withToken(dev.raftpad.proto.v1.LockServiceGrpc.newBlockingStub(leader), ada)
        .unlock(dev.raftpad.proto.v1.UnlockRequest.newBuilder().setDocumentId(docId).build());
    assertThat(
            withToken(EditServiceGrpc.newBlockingStub(leader), grace)
                .submitOperation(insert(docId, "g", 1, 1, 4, "+grace"))
                .getRevision())
        .isEqualTo(2);

    adaDocs.renameDocument(
        dev.raftpad.proto.v1.RenameDocumentRequest.newBuilder()
            .setDocumentId(docId)
            .setTitle("Roadmap")
            .build());
    var listed =
        adaDocs.listDocuments(dev.raftpad.proto.v1.ListDocumentsRequest.getDefaultInstance());
    assertThat(listed.getDocumentsList())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getTitle()).isEqualTo("Roadmap");
              assertThat(d.getRevision()).isEqualTo(2);
              assertThat(d.getLength()).isEqualTo("mine+grace".length());
            });

    StatusRuntimeException notOwner =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(DocumentServiceGrpc.newBlockingStub(leader), grace)
                    .deleteDocument(
                        dev.raftpad.proto.v1.DeleteDocumentRequest.newBuilder()
                            .setDocumentId(docId)
                            .build()));
    // ada registered first and is admin; grace is neither owner nor admin.
    assertThat(notOwner.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    adaDocs.deleteDocument(
        dev.raftpad.proto.v1.DeleteDocumentRequest.newBuilder().setDocumentId(docId).build());
    StatusRuntimeException gone =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                adaDocs.getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build()));
    assertThat(gone.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }

  @Test
  void subscribersGetCommittedOperationsLiveAndMissedOnesWhenTheyResume() throws Exception {
    String leaderId = leaderId();
    ManagedChannel leader = channel(leaderId);
    String ada = registerAndLogin(leader, "ada");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Live").build())
            .getDocument()
            .getDocumentId();
    var edits = withToken(EditServiceGrpc.newBlockingStub(leader), ada);
    edits.submitOperation(insert(docId, "a", 1, 0, 0, "one "));

    // A subscriber that reconnects, resuming after revision 1.
    var events = new java.util.concurrent.LinkedBlockingQueue<dev.raftpad.proto.v1.Event>();
    var subscription =
        withToken(dev.raftpad.proto.v1.EventServiceGrpc.newStub(channel(leaderId)), ada)
            .withDeadlineAfter(60, TimeUnit.SECONDS);
    edits.submitOperation(insert(docId, "a", 2, 1, 4, "two "));
    edits.submitOperation(insert(docId, "a", 3, 2, 8, "three"));
    subscription.subscribe(
        dev.raftpad.proto.v1.SubscribeRequest.newBuilder()
            .addDocumentIds(docId)
            .putAfterRevision(docId, 1)
            .build(),
        new io.grpc.stub.StreamObserver<>() {
          @Override
          public void onNext(dev.raftpad.proto.v1.Event event) {
            events.add(event);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });

    assertThat(events.poll(20, TimeUnit.SECONDS).getOperation().getRevision()).isEqualTo(2);
    assertThat(events.poll(20, TimeUnit.SECONDS).getOperation().getRevision()).isEqualTo(3);
    assertThat(events.poll(20, TimeUnit.SECONDS).hasLive()).isTrue();

    edits.submitOperation(insert(docId, "a", 4, 3, 0, ">"));
    var live = next(events, e -> e.hasOperation()); // presence events interleave
    assertThat(live.getOperation().getRevision()).isEqualTo(4);
    assertThat(live.getOperation().getAuthor().getUsername()).isEqualTo("ada");
    assertThat(live.getOperation().getClientSeq()).isEqualTo(4);

    withToken(dev.raftpad.proto.v1.LockServiceGrpc.newBlockingStub(leader), ada)
        .lock(dev.raftpad.proto.v1.LockRequest.newBuilder().setDocumentId(docId).build());
    assertThat(next(events, e -> e.hasLocked()).getLocked().getLock().getHolder().getUsername())
        .isEqualTo("ada");
  }

  @Test
  void historyListsVersionsNamesThemDiffsAndRestoresAsAForwardOperation() {
    ManagedChannel leader = channel(leaderId());
    String ada = registerAndLogin(leader, "ada");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(
                CreateDocumentRequest.newBuilder()
                    .setTitle("History")
                    .setInitialContent(OperationCodec.toWire(Operation.insert(0, "draft\n")))
                    .build())
            .getDocument()
            .getDocumentId();
    var edits = withToken(EditServiceGrpc.newBlockingStub(leader), ada);
    // Revision 1 is the initial text, by its owner; the edits are revisions 2 and 3.
    edits.submitOperation(insert(docId, "a", 1, 1, 5, " one"));
    edits.submitOperation(insert(docId, "a", 2, 2, 9, " two"));
    var history = withToken(dev.raftpad.proto.v1.HistoryServiceGrpc.newBlockingStub(leader), ada);

    var versions =
        history.listVersions(
            dev.raftpad.proto.v1.ListVersionsRequest.newBuilder().setDocumentId(docId).build());
    assertThat(versions.getVersionsList())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.getFirstRevision()).isEqualTo(1);
              assertThat(v.getLastRevision()).isEqualTo(3);
              assertThat(v.getAuthor().getUsername()).isEqualTo("ada");
            });
    history.nameVersion(
        dev.raftpad.proto.v1.NameVersionRequest.newBuilder()
            .setDocumentId(docId)
            .setRevision(2)
            .setName("first draft")
            .build());
    assertThat(
            history
                .listVersions(
                    dev.raftpad.proto.v1.ListVersionsRequest.newBuilder()
                        .setDocumentId(docId)
                        .setNamedOnly(true)
                        .build())
                .getVersions(0)
                .getName())
        .isEqualTo("first draft");

    var diff =
        history.diffRevisions(
            dev.raftpad.proto.v1.DiffRevisionsRequest.newBuilder()
                .setDocumentId(docId)
                .setFromRevision(2)
                .setToRevision(3)
                .build());
    assertThat(OperationCodec.fromWire(diff.getDiff(), "diff"))
        .isEqualTo(Operation.insert(9, " two"));

    long restored =
        history
            .restoreRevision(
                dev.raftpad.proto.v1.RestoreRevisionRequest.newBuilder()
                    .setDocumentId(docId)
                    .setRevision(2)
                    .setClientId("a")
                    .setClientSeq(3)
                    .build())
            .getRevision();
    assertThat(restored).isEqualTo(4); // a new revision, not a swap of content
    var content =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(OperationCodec.fromWire(content.getContent(), "content"))
        .isEqualTo(Operation.insert(0, "draft one\n"));
  }

  @Test
  void clusterStatusIsOpenToUsersAndTransferIsForAdminsOnly() throws Exception {
    String leaderId = leaderId();
    ManagedChannel leader = channel(leaderId);
    String ada = registerAndLogin(leader, "ada"); // first account: admin
    String grace = registerAndLogin(leader, "grace");

    var status =
        withToken(dev.raftpad.proto.v1.ClusterServiceGrpc.newBlockingStub(leader), grace)
            .getClusterStatus(dev.raftpad.proto.v1.GetClusterStatusRequest.getDefaultInstance())
            .getStatus();
    assertThat(status.getLeaderId()).isEqualTo(leaderId);
    assertThat(status.getClusterId()).isEqualTo("test-cluster");
    assertThat(status.getMembersList()).hasSize(3);
    assertThat(status.getCommitIndex()).isPositive();

    StatusRuntimeException denied =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(dev.raftpad.proto.v1.ClusterServiceGrpc.newBlockingStub(leader), grace)
                    .transferLeadership(
                        dev.raftpad.proto.v1.TransferLeadershipRequest.getDefaultInstance()));
    assertThat(denied.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);

    String target =
        FOUNDERS.stream().filter(id -> !id.equals(leaderId)).sorted().findFirst().orElseThrow();
    var moved =
        withToken(dev.raftpad.proto.v1.ClusterServiceGrpc.newBlockingStub(leader), ada)
            .transferLeadership(
                dev.raftpad.proto.v1.TransferLeadershipRequest.newBuilder()
                    .setTargetNodeId(target)
                    .build());
    assertThat(moved.getNewLeaderId()).isEqualTo(target);
    // The answer comes once the old leader has seen the target lead, not when the handover began.
    assertThat(cluster.fixture.node(leaderId).raft().status().leaderId()).isEqualTo(target);
    Await.until(
        target + " leads",
        () -> cluster.fixture.node(target).raft().status().role() == RoleName.LEADER);
  }

  /**
   * A handover to a node that cannot take it (stopped) is reported as not done, naming who leads,
   * and the leader goes on leading.
   */
  @Test
  void aHandoverToAStoppedNodeIsReportedNotDoneAndTheLeaderKeepsLeading() throws Exception {
    String leaderId = leaderId();
    ManagedChannel leader = channel(leaderId);
    String ada = registerAndLogin(leader, "ada");
    String target = cluster.aFollowerId();
    cluster.fixture.stopNode(target);
    try {
      StatusRuntimeException notDone =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  withToken(dev.raftpad.proto.v1.ClusterServiceGrpc.newBlockingStub(leader), ada)
                      .transferLeadership(
                          dev.raftpad.proto.v1.TransferLeadershipRequest.newBuilder()
                              .setTargetNodeId(target)
                              .build()));
      assertThat(notDone.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
      assertThat(notDone.getStatus().getDescription())
          .contains("'" + target + "' did not take the leadership", "'" + leaderId + "' leads");
      assertThat(cluster.fixture.node(leaderId).raft().status().role()).isEqualTo(RoleName.LEADER);
    } finally {
      cluster.fixture.startNode(target);
    }
  }

  @Test
  void addingAPresentMemberAtAnotherAddressIsRefusedAndChangesNothing() throws Exception {
    String leaderId = leaderId();
    ManagedChannel leader = channel(leaderId);
    String ada = registerAndLogin(leader, "ada");
    var admin = withToken(dev.raftpad.proto.v1.ClusterServiceGrpc.newBlockingStub(leader), ada);
    String follower = cluster.aFollowerId();
    String address = cluster.fixture.address(follower);

    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                admin.addNode(
                    dev.raftpad.proto.v1.AddNodeRequest.newBuilder()
                        .setNodeId(follower)
                        .setPeerAddress("127.0.0.1:1")
                        .build()));
    var again =
        admin.addNode(
            dev.raftpad.proto.v1.AddNodeRequest.newBuilder()
                .setNodeId(follower)
                .setPeerAddress(address)
                .build());

    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
    assertThat(detail(refused, ErrorInfo.class).getReason()).isEqualTo("MEMBER_EXISTS");
    assertThat(again.getStatus().getMembersList())
        .as("the same address again is a no-op, and the refused call changed no address")
        .filteredOn(m -> m.getMember().getNodeId().equals(follower))
        .singleElement()
        .satisfies(m -> assertThat(m.getMember().getClientAddress()).isEqualTo(address));
    assertThat(cluster.fixture.address(follower)).isEqualTo(address);
    Await.until(
        follower + " still replicates",
        () ->
            cluster.fixture.node(follower).raft().status().commitIndex()
                >= cluster.fixture.node(leaderId).raft().status().commitIndex());
  }

  @Test
  void aFourthNodeJoinsThroughASnapshotAndANodeIsRemoved() throws Exception {
    String leaderId = leaderId();
    ManagedChannel leader = channel(leaderId);
    String ada = registerAndLogin(leader, "ada");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Grow").build())
            .getDocument()
            .getDocumentId();
    var alerts = subscribeAll(leader, ada);
    var edits = withToken(EditServiceGrpc.newBlockingStub(leader), ada);
    for (int i = 1; i <= 40; i++) { // past the snapshot threshold of 30: the log is compacted
      edits.submitOperation(insert(docId, "a", i, i - 1, 0, "x"));
    }

    ServerNode fourth = cluster.fixture.startJoiningNode("n4");
    String fourthAddress = "127.0.0.1:" + fourth.port();
    var cluster = withToken(dev.raftpad.proto.v1.ClusterServiceGrpc.newBlockingStub(leader), ada);
    cluster.addNode(
        dev.raftpad.proto.v1.AddNodeRequest.newBuilder()
            .setNodeId("n4")
            .setPeerAddress(fourthAddress)
            .build());

    Await.until("n4 votes", () -> fourth.raft().status().membership().isVoter("n4"));
    assertThat(fourth.raft().status().membership().voters()).contains("n1", "n2", "n3", "n4");
    assertThat(fourth.raft().status().snapshotIndex()).as("caught up from a snapshot").isPositive();
    var fromFourth =
        withToken(DocumentServiceGrpc.newBlockingStub(channel("n4")), ada)
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(docId).build());
    assertThat(fromFourth.getRevision()).isEqualTo(40);
    next(
        alerts,
        e ->
            e.getAlert().getKind() == dev.raftpad.proto.v1.AlertKind.ALERT_KIND_NODE_ADDED
                && e.getAlert().getNodeId().equals("n4"));

    String removed =
        FOUNDERS.stream().filter(id -> !id.equals(leaderId)).sorted().findFirst().orElseThrow();
    var after =
        cluster.removeNode(
            dev.raftpad.proto.v1.RemoveNodeRequest.newBuilder().setNodeId(removed).build());
    List<String> expected = new ArrayList<>(List.of("n1", "n2", "n3", "n4"));
    expected.remove(removed);
    assertThat(after.getStatus().getMembersList())
        .extracting(m -> m.getMember().getNodeId())
        .containsExactlyInAnyOrderElementsOf(expected);
    next(
        alerts,
        e ->
            e.getAlert().getKind() == dev.raftpad.proto.v1.AlertKind.ALERT_KIND_NODE_REMOVED
                && e.getAlert().getNodeId().equals(removed));
    // The cluster keeps committing without the removed node.
    this.cluster.stopNode(removed);
    assertThat(edits.submitOperation(insert(docId, "a", 41, 40, 0, "y")).getRevision())
        .isEqualTo(41);
  }

  private java.util.concurrent.BlockingQueue<dev.raftpad.proto.v1.Event> subscribeAll(
      ManagedChannel channel, String token) {
    return TestCluster.subscribe(channel, token);
  }

  private static dev.raftpad.proto.v1.Event next(
      java.util.concurrent.BlockingQueue<dev.raftpad.proto.v1.Event> events,
      java.util.function.Predicate<dev.raftpad.proto.v1.Event> wanted)
      throws InterruptedException {
    return TestCluster.next(events, wanted);
  }

  @Test
  void presenceShowsWhoIsOnlineOnceAndAnnouncesJoinsAndLeaves() throws Exception {
    String leaderId = leaderId();
    ManagedChannel leader = channel(leaderId);
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    var adaEvents = subscribeAll(leader, ada);
    next(adaEvents, e -> e.hasJoined() && e.getJoined().getUser().getUsername().equals("ada"));

    ManagedChannel graceChannel = channel(leaderId); // closed below to end her stream
    subscribeAll(graceChannel, grace);
    ManagedChannel graceSecondDevice = channel(leaderId);
    subscribeAll(graceSecondDevice, grace); // a second device: still online once
    next(adaEvents, e -> e.hasJoined() && e.getJoined().getUser().getUsername().equals("grace"));
    var presence = withToken(dev.raftpad.proto.v1.PresenceServiceGrpc.newBlockingStub(leader), ada);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<String> online = List.of();
    while (System.nanoTime() < deadline && online.size() < 2) {
      online =
          presence
              .listOnline(dev.raftpad.proto.v1.ListOnlineRequest.getDefaultInstance())
              .getOnlineList()
              .stream()
              .map(p -> p.getUser().getUsername())
              .toList();
    }
    assertThat(online).containsExactlyInAnyOrder("ada", "grace");

    graceChannel.shutdownNow();
    graceSecondDevice.shutdownNow();
    next(adaEvents, e -> e.hasLeft() && e.getLeft().getUser().getUsername().equals("grace"));
    assertThat(
            presence
                .listOnline(dev.raftpad.proto.v1.ListOnlineRequest.getDefaultInstance())
                .getOnlineList())
        .extracting(p -> p.getUser().getUsername())
        .containsExactly("ada");
  }

  @Test
  void aStoppingLeaderHandsOverLeadershipFirst() throws Exception {
    String leaderId = leaderId();
    ServerNode leader = cluster.fixture.node(leaderId);

    cluster.stopNode(leaderId);

    assertThat(leader.raft().status().role()).isNotEqualTo(RoleName.LEADER);
    String successor = leader.raft().status().leaderId();
    assertThat(successor).isNotNull().isNotEqualTo(leaderId);
  }

  @Test
  void aFollowerRedirectsWritesToTheLeader() throws Exception {
    String leader = leaderId();
    String follower = FOUNDERS.stream().filter(id -> !id.equals(leader)).findFirst().orElseThrow();
    var accounts =
        AccountServiceGrpc.newBlockingStub(channel(follower))
            .withDeadlineAfter(20, TimeUnit.SECONDS);

    StatusRuntimeException redirect =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                accounts.register(
                    RegisterRequest.newBuilder()
                        .setUsername("grace")
                        .setPassword("hopper-1906")
                        .build()));

    assertThat(redirect.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    NotLeader notLeader = detail(redirect, NotLeader.class);
    assertThat(notLeader.getLeaderId()).isEqualTo(leader);
    assertThat(notLeader.getLeaderAddress()).isEqualTo(cluster.fixture.address(leader));
    assertThat(notLeader.getMembersList()).hasSize(3);
    assertThat(detail(redirect, ErrorInfo.class).getReason()).isEqualTo("NOT_LEADER");
  }

  @Test
  void badCredentialsForgedTokensAndBadInputAreRefusedWithTheRightStatus() throws Exception {
    ManagedChannel leader = channel(leaderId());
    var accounts =
        AccountServiceGrpc.newBlockingStub(leader).withDeadlineAfter(20, TimeUnit.SECONDS);
    accounts.register(
        RegisterRequest.newBuilder().setUsername("ada").setPassword("correct horse").build());

    StatusRuntimeException wrongPassword =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                accounts.login(
                    LoginRequest.newBuilder()
                        .setUsername("ada")
                        .setPassword("wrong-password")
                        .build()));
    assertThat(wrongPassword.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(detail(wrongPassword, ErrorInfo.class).getReason()).isEqualTo("BAD_CREDENTIALS");

    StatusRuntimeException unknownUser =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                accounts.login(
                    LoginRequest.newBuilder()
                        .setUsername("nobody")
                        .setPassword("whatever-1")
                        .build()));
    assertThat(unknownUser.getStatus().getDescription())
        .isEqualTo(wrongPassword.getStatus().getDescription());

    StatusRuntimeException forged =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(AccountServiceGrpc.newBlockingStub(leader), "forged-token")
                    .whoAmI(WhoAmIRequest.getDefaultInstance()));
    assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

    StatusRuntimeException taken =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                accounts.register(
                    RegisterRequest.newBuilder()
                        .setUsername("ada")
                        .setPassword("another-pass")
                        .build()));
    assertThat(taken.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);

    StatusRuntimeException badName =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                accounts.register(
                    RegisterRequest.newBuilder()
                        .setUsername("Bad Name")
                        .setPassword("long-enough")
                        .build()));
    assertThat(badName.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
    assertThat(detail(badName, ErrorInfo.class).getMetadataMap())
        .containsEntry("field", "username");

    String token =
        accounts
            .login(
                LoginRequest.newBuilder().setUsername("ada").setPassword("correct horse").build())
            .getToken();
    StatusRuntimeException unknownDoc =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(EditServiceGrpc.newBlockingStub(leader), token)
                    .submitOperation(
                        SubmitOperationRequest.newBuilder()
                            .setDocumentId("nope")
                            .setClientId("c")
                            .setClientSeq(1)
                            .setOperation(OperationCodec.toWire(Operation.insert(0, "x")))
                            .build()));
    assertThat(unknownDoc.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
  }
}
