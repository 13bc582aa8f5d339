package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.next;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Duration;
import dev.raftpad.proto.v1.AlertKind;
import dev.raftpad.proto.v1.ClusterServiceGrpc;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.ListOnlineRequest;
import dev.raftpad.proto.v1.LockRequest;
import dev.raftpad.proto.v1.LockServiceGrpc;
import dev.raftpad.proto.v1.NotLeader;
import dev.raftpad.proto.v1.PresenceServiceGrpc;
import dev.raftpad.proto.v1.TransferLeadershipRequest;
import dev.raftpad.testkit.Await;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live streams are served by every node and told what happens to the cluster. */
class AlertsTest {
  @TempDir Path root;
  private TestCluster cluster;
  private String leaderId;
  private ManagedChannel leader;
  private String ada;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
    leaderId = cluster.leaderId();
    leader = cluster.channel(leaderId);
    ada = registerAndLogin(leader, "ada"); // the first account: an admin
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private static StatusRuntimeException endedWith(TestCluster.Subscription subscription)
      throws Exception {
    Throwable end = subscription.end().get(TestCluster.WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(end).isInstanceOf(StatusRuntimeException.class);
    return (StatusRuntimeException) end;
  }

  @Test
  void aFollowerServesASubscriberFromItsOwnStateAndCountsItOnline() throws Exception {
    String follower = cluster.aFollowerId();
    var subscription = TestCluster.subscription(cluster.channel(follower), ada);
    next(subscription.events(), e -> e.hasLive());

    withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
        .createDocument(CreateDocumentRequest.newBuilder().setTitle("Seen everywhere").build());

    var created = next(subscription.events(), e -> e.hasCreated());
    assertThat(created.getCreated().getDocument().getTitle()).isEqualTo("Seen everywhere");
    assertThat(cluster.fixture.node(follower).openStreams()).isEqualTo(1);
    // Its presence was written through the leader: the leader counts ada online.
    Await.until(
        "ada is online at the leader",
        TestCluster.WAIT,
        () ->
            withToken(PresenceServiceGrpc.newBlockingStub(leader), ada)
                .listOnline(ListOnlineRequest.getDefaultInstance())
                .getOnlineList()
                .stream()
                .anyMatch(entry -> entry.getUser().getUsername().equals("ada")));
    assertThat(subscription.end()).isNotDone();
  }

  @Test
  void whenLeadershipMovesEveryNodesStreamsHearItAndGoOn() throws Exception {
    String target = cluster.aFollowerId();
    String bystander =
        cluster.fixture.ids().stream()
            .filter(id -> !id.equals(leaderId) && !id.equals(target))
            .findFirst()
            .orElseThrow();
    var atOldLeader = TestCluster.subscription(leader, ada);
    var atBystander = TestCluster.subscription(cluster.channel(bystander), ada);
    next(atOldLeader.events(), e -> e.hasLive());
    next(atBystander.events(), e -> e.hasLive());

    // Answered once the target leads (the node asks again if a handover is given up).
    withToken(ClusterServiceGrpc.newBlockingStub(leader), ada)
        .transferLeadership(TransferLeadershipRequest.newBuilder().setTargetNodeId(target).build());

    for (var subscription : java.util.List.of(atOldLeader, atBystander)) {
      var alert =
          next(
              subscription.events(),
              e -> e.getAlert().getKind() == AlertKind.ALERT_KIND_LEADER_CHANGED);
      assertThat(alert.getAlert().getNodeId()).isEqualTo(target);
    }
    withToken(DocumentServiceGrpc.newBlockingStub(cluster.channel(target)), ada)
        .createDocument(CreateDocumentRequest.newBuilder().setTitle("After the move").build());
    next(atOldLeader.events(), e -> e.hasCreated());
    next(atBystander.events(), e -> e.hasCreated());
    assertThat(atOldLeader.end()).isNotDone();
    assertThat(atBystander.end()).isNotDone();
  }

  @Test
  void aLockAboutToExpireIsAnnouncedToTheDocumentsSubscribers() throws Exception {
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(leader), ada)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Plans").build())
            .getDocument()
            .getDocumentId();
    var events = TestCluster.subscribe(leader, ada, docId);
    next(events, e -> e.hasLive());

    withToken(LockServiceGrpc.newBlockingStub(leader), ada)
        .lock(
            LockRequest.newBuilder()
                .setDocumentId(docId)
                .setLease(Duration.newBuilder().setSeconds(20))
                .build());

    var warning = next(events, e -> e.getAlert().getKind() == AlertKind.ALERT_KIND_LOCK_EXPIRING);
    assertThat(warning.getDocumentId()).isEqualTo(docId);
    assertThat(warning.getAlert().getMessage()).contains("ada", "Plans");
  }

  @Test
  void aStoppingNodeSaysSoBeforeItsStreamsEnd() throws Exception {
    var subscription = TestCluster.subscription(leader, ada);
    next(subscription.events(), e -> e.hasLive());

    cluster.stopNode(leaderId);

    var alert =
        next(
            subscription.events(),
            e -> e.getAlert().getKind() == AlertKind.ALERT_KIND_SERVER_SHUTTING_DOWN);
    assertThat(alert.getAlert().getNodeId()).isEqualTo(leaderId);
    StatusRuntimeException end = endedWith(subscription);
    assertThat(end.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(detail(end, NotLeader.class).getLeaderId()).isNotEqualTo(leaderId);
  }
}
