package dev.raftpad.server;

import static dev.raftpad.server.TestCluster.openEditChannel;
import static dev.raftpad.server.TestCluster.registerAndLogin;
import static dev.raftpad.server.TestCluster.withToken;
import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.CreateDocumentRequest;
import dev.raftpad.proto.v1.DocumentServiceGrpc;
import dev.raftpad.proto.v1.EditServiceGrpc;
import dev.raftpad.proto.v1.SubmitOperationRequest;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.metrics.Scrape;
import io.grpc.ManagedChannel;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scrapes real nodes' metrics endpoints over HTTP on loopback while a user works through gRPC: the
 * metric families exist with their types, and the counters move with the traffic.
 */
class MetricsEndpointTest {
  @TempDir Path root;
  private TestCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster =
        TestCluster.start(InProcessCluster.settings(root).withMetrics().withSnapshotEvery(20));
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  /** The families a node exports once it has served some traffic, with their types. */
  private void assertFamiliesAndTypes(String leader, Scrape scrape) {
    assertThat(scrape.types())
        .contains(
            Map.entry("raftpad_node_info", "gauge"),
            Map.entry("raftpad_raft_term", "gauge"),
            Map.entry("raftpad_raft_role", "gauge"),
            Map.entry("raftpad_raft_commit_index", "gauge"),
            Map.entry("raftpad_raft_applied_index", "gauge"),
            Map.entry("raftpad_raft_last_index", "gauge"),
            Map.entry("raftpad_raft_follower_lag_entries", "gauge"),
            Map.entry("raftpad_raft_elections_total", "counter"),
            Map.entry("raftpad_raft_leader_changes_total", "counter"),
            Map.entry("raftpad_raft_storage_sync_seconds", "histogram"),
            Map.entry("raftpad_raft_snapshot_write_seconds", "histogram"),
            Map.entry("raftpad_raft_snapshot_size_bytes", "histogram"),
            Map.entry("raftpad_raft_fsyncs_total", "counter"),
            Map.entry("grpc_server_started_total", "counter"),
            Map.entry("grpc_server_handled_total", "counter"),
            Map.entry("grpc_server_handling_seconds", "histogram"),
            Map.entry("raftpad_collab_subscribers", "gauge"),
            Map.entry("raftpad_collab_edit_sessions", "gauge"),
            Map.entry("raftpad_collab_event_queue_depth", "gauge"),
            Map.entry("raftpad_collab_documents", "gauge"),
            Map.entry("raftpad_collab_locks", "gauge"),
            Map.entry("raftpad_collab_changes_applied_total", "counter"),
            Map.entry("raftpad_proposal_duration_seconds", "histogram"),
            Map.entry("jvm_memory_used_bytes", "gauge"),
            Map.entry("jvm_gc_collection_seconds", "summary"));
    assertThat(scrape.sum("raftpad_raft_role", "role", "leader")).isEqualTo(1);
    // The leader sees both followers, by node id.
    assertThat(scrape.series("raftpad_raft_follower_lag_entries"))
        .extracting(sample -> sample.labels().get("peer"))
        .containsExactlyInAnyOrderElementsOf(
            cluster.fixture.ids().stream().filter(id -> !id.equals(leader)).toList());
  }

  @Test
  void familiesAreExportedWithTheirTypesCountersMoveWithTrafficAndNoLabelNamesAUserOrADocument()
      throws Exception {
    String leader = cluster.leaderId();
    ManagedChannel channel = cluster.channel(leader);
    Scrape before = scrapeOf(leader);

    String token = registerAndLogin(channel, "ada-lovelace");
    String docId =
        withToken(DocumentServiceGrpc.newBlockingStub(channel), token)
            .createDocument(CreateDocumentRequest.newBuilder().setTitle("Secret plans").build())
            .getDocument()
            .getDocumentId();
    var edits = withToken(EditServiceGrpc.newBlockingStub(channel), token);
    for (int seq = 1; seq <= 30; seq++) {
      edits.submitOperation(
          SubmitOperationRequest.newBuilder()
              .setDocumentId(docId)
              .setClientId("laptop")
              .setClientSeq(seq)
              .setBaseRevision(seq - 1)
              .setOperation(OperationCodec.toWire(Operation.insert(0, "confidential ")))
              .build());
    }
    TestCluster.EditStream session = openEditChannel(channel, token, docId, 0);

    Scrape after =
        Await.value(
            "the leader's metrics to show the session and the edits",
            () -> {
              Scrape now = scrapeOf(leader);
              return now.sum("raftpad_collab_edit_sessions") == 1
                      && now.sum("raftpad_collab_documents", "state", "live") == 1
                      && now.sum("raftpad_raft_snapshot_size_bytes_count", "origin", "taken") > 0
                  ? now
                  : null;
            });
    assertFamiliesAndTypes(leader, after);
    assertThat(
            after.sum(
                "grpc_server_handled_total",
                "grpc_service",
                "raftpad.v1.EditService",
                "grpc_method",
                "SubmitOperation",
                "grpc_code",
                "OK"))
        .isEqualTo(
            before.sum(
                    "grpc_server_handled_total",
                    "grpc_service",
                    "raftpad.v1.EditService",
                    "grpc_method",
                    "SubmitOperation",
                    "grpc_code",
                    "OK")
                + 30);
    assertThat(after.sum("grpc_server_handling_seconds_count", "grpc_method", "SubmitOperation"))
        .isEqualTo(30);
    assertThat(after.sum("raftpad_collab_changes_applied_total", "kind", "edit_committed"))
        .isGreaterThanOrEqualTo(before.sum("raftpad_collab_changes_applied_total") + 30);
    assertThat(after.sum("raftpad_raft_commit_index"))
        .isGreaterThan(before.sum("raftpad_raft_commit_index") + 30);
    assertThat(after.sum("raftpad_raft_storage_sync_seconds_count"))
        .isGreaterThan(before.sum("raftpad_raft_storage_sync_seconds_count"));
    assertThat(after.sum("raftpad_raft_fsyncs_total"))
        .isGreaterThan(before.sum("raftpad_raft_fsyncs_total"));
    // Each of the 30 edits was one proposal at the leader, applied.
    assertThat(
            after.sum("raftpad_proposal_duration_seconds_count", "outcome", "applied")
                - before.sum("raftpad_proposal_duration_seconds_count", "outcome", "applied"))
        .isGreaterThanOrEqualTo(30);
    assertThat(after.sum("raftpad_collab_subscribers")).isEqualTo(1);
    assertThat(after.sum("raftpad_collab_events_sent_total", "kind", "live")).isEqualTo(1);
    // A follower applies the same edits and counts them too.
    String follower = cluster.aFollowerId();
    Await.until(
        "a follower to count the applied edits",
        () ->
            scrapeOf(follower).sum("raftpad_collab_changes_applied_total", "kind", "edit_committed")
                >= 30);

    // Labels carry method names, codes, node ids and enum names: never a user, a document or text.
    assertThat(after.body()).doesNotContain("ada-lovelace", docId, "Secret plans", "confidential");
    session.up().onCompleted();
    Await.until(
        "the session's end to show",
        () -> scrapeOf(leader).sum("raftpad_collab_edit_sessions") == 0);
  }

  private Scrape scrapeOf(String nodeId) {
    int port = cluster.fixture.node(nodeId).metricsPort();
    assertThat(port).isPositive();
    return Scrape.of(port);
  }
}
