package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.next;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.rpc.ErrorInfo;
import dev.raftpad.proto.v1.AccountServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.LockRequest;
import dev.raftpad.proto.v1.LockServiceGrpc;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.RenewLockRequest;
import dev.raftpad.proto.v1.UnlockRequest;
import dev.raftpad.proto.v1.WhoAmIRequest;
import dev.raftpad.server.api.EventGrpcService;
import dev.raftpad.testkit.Await;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who may judge a token, idempotent unlock, and presence per document. */
class SessionsAndPresenceTest {
  @TempDir Path root;
  private TestCluster cluster;
  private ManagedChannel leader;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
    leader = cluster.channel(cluster.leaderId());
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  @Test
  void anUnknownTokenIsRedirectedByAFollowerAndRefusedByTheLeader() throws Exception {
    String forged = "forged-token-that-no-session-has-0123456789";
    ManagedChannel follower = cluster.channel(cluster.aFollowerId());
    // Right after an election a follower may not have heard from the leader yet (its redirect then
    // names nobody): ask until it has.
    StatusRuntimeException atFollower =
        Await.value(
            "a follower that knows the leader",
            () -> {
              StatusRuntimeException e =
                  catchThrowableOfType(
                      StatusRuntimeException.class,
                      () ->
                          withToken(AccountServiceGrpc.newBlockingStub(follower), forged)
                              .whoAmI(WhoAmIRequest.getDefaultInstance()));
              boolean named =
                  e != null
                      && e.getStatus().getCode() == Status.Code.UNAVAILABLE
                      && !detailOrEmpty(e).getLeaderId().isEmpty();
              return named || e == null || e.getStatus().getCode() != Status.Code.UNAVAILABLE
                  ? e
                  : null;
            });
    // A follower may not have applied a fresh login yet: it cannot say the token is bad.
    assertThat(atFollower.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(detail(atFollower, NotLeader.class).getLeaderId()).isEqualTo(cluster.leaderId());

    StatusRuntimeException atLeader =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(AccountServiceGrpc.newBlockingStub(leader), forged)
                    .whoAmI(WhoAmIRequest.getDefaultInstance()));
    assertThat(atLeader.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  private static NotLeader detailOrEmpty(StatusRuntimeException e) {
    try {
      return detail(e, NotLeader.class);
    } catch (Exception | AssertionError missing) {
      return NotLeader.getDefaultInstance();
    }
  }

  @Test
  void aTokenNoLoginCouldHaveIssuedIsUnauthenticatedAtAFollowerToo() {
    for (String forged : new String[] {"forged-token", "x".repeat(42) + "!", ""}) {
      StatusRuntimeException atFollower =
          catchThrowableOfType(
              StatusRuntimeException.class,
              () ->
                  withToken(
                          AccountServiceGrpc.newBlockingStub(
                              cluster.channel(cluster.aFollowerId())),
                          forged)
                      .whoAmI(WhoAmIRequest.getDefaultInstance()));

      assertThat(atFollower.getStatus().getCode())
          .as(forged)
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }

  @Test
  void unlockingTwiceSucceedsButOnlyTheHolderMayUnlock() throws Exception {
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Locked").build())
            .getDocument()
            .getDocumentId();
    TestCluster.shareToEdit(leader, ada, docId, "grace");
    var adaLocks = withToken(LockServiceGrpc.newBlockingStub(leader), ada);
    adaLocks.lock(LockRequest.newBuilder().setDocumentId(docId).build());

    StatusRuntimeException notHolder =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                withToken(LockServiceGrpc.newBlockingStub(leader), grace)
                    .unlock(UnlockRequest.newBuilder().setDocumentId(docId).build()));
    assertThat(notHolder.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);

    adaLocks.unlock(UnlockRequest.newBuilder().setDocumentId(docId).build());
    // A retry after a lost answer: still a success, not "you do not hold it".
    adaLocks.unlock(UnlockRequest.newBuilder().setDocumentId(docId).build());
  }

  @Test
  void onlyTheHolderMayRenewALockAndARenewalTakesNoFreeLock() throws Exception {
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Renewed").build())
            .getDocument()
            .getDocumentId();
    TestCluster.shareToEdit(leader, ada, docId, "grace");
    var adaLocks = withToken(LockServiceGrpc.newBlockingStub(leader), ada);
    var graceLocks = withToken(LockServiceGrpc.newBlockingStub(leader), grace);
    RenewLockRequest renew = RenewLockRequest.newBuilder().setDocumentId(docId).build();

    StatusRuntimeException nothingToRenew =
        catchThrowableOfType(StatusRuntimeException.class, () -> adaLocks.renewLock(renew));
    adaLocks.lock(LockRequest.newBuilder().setDocumentId(docId).build());
    StatusRuntimeException notHolder =
        catchThrowableOfType(StatusRuntimeException.class, () -> graceLocks.renewLock(renew));
    var renewed = adaLocks.renewLock(renew);

    for (StatusRuntimeException e : List.of(nothingToRenew, notHolder)) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
      assertThat(detail(e, ErrorInfo.class).getReason()).isEqualTo("NOT_LOCK_HOLDER");
    }
    assertThat(renewed.getLock().getHolder().getUsername()).isEqualTo("ada");
  }

  @Test
  void aUserMayKeepOnlySoManyStreamsOpenAtANode() throws Exception {
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    io.grpc.Context.CancellableContext first = io.grpc.Context.current().withCancellation();
    first.run(() -> TestCluster.subscription(leader, ada));
    for (int i = 1; i < EventGrpcService.MAX_STREAMS_PER_USER; i++) {
      TestCluster.subscription(leader, ada);
    }
    String leaderId = cluster.leaderId();
    Await.until(
        "all of ada's streams open",
        TestCluster.WAIT,
        () ->
            cluster.fixture.node(leaderId).openStreams() == EventGrpcService.MAX_STREAMS_PER_USER);

    StatusRuntimeException oneTooMany =
        (StatusRuntimeException)
            TestCluster.subscription(leader, ada)
                .end()
                .get(TestCluster.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
    var graceStream = TestCluster.subscription(leader, grace);
    next(graceStream.events(), e -> e.hasLive());

    assertThat(oneTooMany.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    assertThat(detail(oneTooMany, ErrorInfo.class).getReason()).isEqualTo("TOO_MANY_STREAMS");
    assertThat(detail(oneTooMany, ErrorInfo.class).getMetadataMap())
        .containsEntry("limit", String.valueOf(EventGrpcService.MAX_STREAMS_PER_USER));

    first.cancel(null); // ada closes one: room for another
    Await.until(
        "ada's first stream closed",
        TestCluster.WAIT,
        () ->
            cluster.fixture.node(leaderId).openStreams() == EventGrpcService.MAX_STREAMS_PER_USER);
    var again = TestCluster.subscription(leader, ada);
    next(again.events(), e -> e.hasLive());
  }

  @Test
  void aDocumentsSubscribersSeeWhoComesIntoItAndWhoLeaves() throws Exception {
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Shared").build())
            .getDocument()
            .getDocumentId();
    TestCluster.shareToEdit(leader, ada, docId, "grace");
    var adaEvents = TestCluster.subscribe(leader, ada, docId);
    next(adaEvents, e -> e.hasLive());

    ManagedChannel graceChannel = cluster.channel(cluster.leaderId());
    TestCluster.subscribe(graceChannel, grace, docId);
    var joined =
        next(
            adaEvents,
            e ->
                e.hasJoined()
                    && e.getDocumentId().equals(docId)
                    && e.getJoined().getUser().getUsername().equals("grace"));
    assertThat(joined.getDocumentId()).isEqualTo(docId);

    graceChannel.shutdownNow();
    next(
        adaEvents,
        e ->
            e.hasLeft()
                && e.getDocumentId().equals(docId)
                && e.getLeft().getUser().getUsername().equals("grace"));
  }
}
