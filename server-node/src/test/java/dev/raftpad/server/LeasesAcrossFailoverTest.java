package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.detail;
import static dev.raftpad.server.TestCluster.next;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.subscribe;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.Duration;
import com.google.rpc.ErrorInfo;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.GetDocumentRequest;
import dev.raftpad.proto.v1.ListOnlineRequest;
import dev.raftpad.proto.v1.LockRequest;
import dev.raftpad.proto.v1.LockServiceGrpc;
import dev.raftpad.proto.v1.PresenceServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Leases that live in the replicated state — locks and presence — over gRPC and a failover. */
class LeasesAcrossFailoverTest {
  @TempDir Path root;
  private TestCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = TestCluster.start(root, 3, "");
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private static SubmitOperationRequest insert(String doc, String client, String text) {
    return SubmitOperationRequest.newBuilder()
        .setDocumentId(doc)
        .setClientId(client)
        .setClientSeq(1)
        .setBaseRevision(0)
        .setOperation(OperationCodec.toWire(Operation.insert(0, text)))
        .build();
  }

  private static String create(ManagedChannel channel, String token, String title) {
    return withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
        .createDocument(CreateDocumentRequest.newBuilder().setTitle(title).build())
        .getDocument()
        .getDocumentId();
  }

  private static void lock(ManagedChannel channel, String token, String doc, long seconds) {
    withToken(LockServiceGrpc.newBlockingStub(channel), token)
        .lock(
            LockRequest.newBuilder()
                .setDocumentId(doc)
                .setLease(Duration.newBuilder().setSeconds(seconds))
                .build());
  }

  @Test
  void aLockIsEnforcedByANewLeaderAndLapsesWhenItIsNotRenewed() throws Exception {
    ManagedChannel leader = cluster.channel(cluster.leaderId());
    String ada = registerAndLogin(leader, "ada");
    String grace = registerAndLogin(leader, "grace");
    String longLocked = create(leader, ada, "Long lease");
    String shortLocked = create(leader, ada, "Short lease");
    TestCluster.shareToEdit(leader, ada, longLocked, "grace");
    TestCluster.shareToEdit(leader, ada, shortLocked, "grace");
    lock(leader, ada, longLocked, 600);
    lock(leader, ada, shortLocked, 5);

    // The lock is replicated state: after a failover the new leader still refuses grace.
    cluster.stopNode(cluster.leaderId());
    ManagedChannel newLeader = cluster.channel(cluster.leaderId());
    var graceEdits = withToken(EditServiceGrpc.newBlockingStub(newLeader), grace);
    StatusRuntimeException refused =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> graceEdits.submitOperation(insert(longLocked, "grace-1", "x")));
    assertThat(refused.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(detail(refused, ErrorInfo.class).getMetadataMap()).containsEntry("holder", "ada");
    var info =
        withToken(DocumentServiceGrpc.newBlockingStub(newLeader), grace)
            .getDocument(GetDocumentRequest.newBuilder().setDocumentId(longLocked).build())
            .getDocument();
    assertThat(info.getLock().getHolder().getUsername()).isEqualTo("ada");

    // Unrenewed, the short lease lapses (judged by the leader-stamped time of each command).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    Long revision = null;
    while (revision == null && System.nanoTime() < deadline) {
      try {
        revision = graceEdits.submitOperation(insert(shortLocked, "grace-2", "x")).getRevision();
      } catch (StatusRuntimeException e) {
        assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
      }
    }
    assertThat(revision).isEqualTo(1L);
    assertThat(
            withToken(DocumentServiceGrpc.newBlockingStub(newLeader), grace)
                .getDocument(GetDocumentRequest.newBuilder().setDocumentId(shortLocked).build())
                .getDocument()
                .hasLock())
        .isFalse();
  }

  @Test
  void theOnlineListSurvivesALeaderFailoverAndAReconnectCountsOnce() throws Exception {
    String firstLeader = cluster.leaderId();
    ManagedChannel leader = cluster.channel(firstLeader);
    String ada = registerAndLogin(leader, "ada");
    var events = subscribe(cluster.channel(firstLeader), ada);
    next(events, e -> e.hasJoined() && e.getJoined().getUser().getUsername().equals("ada"));

    cluster.stopNode(firstLeader);
    String secondLeader = cluster.leaderId();
    ManagedChannel channel = cluster.channel(secondLeader);
    var presence = withToken(PresenceServiceGrpc.newBlockingStub(channel), ada);

    // The connection's lease was committed, so the new leader knows ada is online.
    assertThat(online(presence)).containsExactly("ada");

    // Her client reconnects to the new leader: still one entry for one user.
    var again = subscribe(channel, ada);
    next(again, e -> e.hasLive());
    assertThat(online(presence)).containsExactly("ada");
  }

  private static List<String> online(PresenceServiceGrpc.PresenceServiceBlockingStub presence) {
    return presence.listOnline(ListOnlineRequest.getDefaultInstance()).getOnlineList().stream()
        .map(p -> p.getUser().getUsername())
        .toList();
  }
}
