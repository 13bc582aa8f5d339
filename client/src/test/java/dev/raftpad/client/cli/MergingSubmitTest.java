package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.TestAccounts;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.text.Document;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code docs edit}'s submission against three real nodes: a change made on a revision read long
 * ago merges with what others committed since, and one sent while the cluster has no quorum waits
 * it out — well past one call's deadline — and lands exactly once.
 */
class MergingSubmitTest {
  @TempDir Path dir;

  @Test
  void anEditMadeOnAnOldRevisionMergesWithWhatOthersCommittedMeanwhile() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir);
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      String id = ada.documents().create("Letter", "Hello world.").id();
      DocumentSnapshot read = ada.documents().get(id); // the user's editor opens on this

      var unused =
          ada.edits()
              .submit(id, "someone-else", 1, read.revision(), Operation.insert(0, "Dear reader. "));
      Operation change = Document.of(read.text()).diffTo(Document.of("Hello brave world."));
      var submitted =
          MergingSubmit.submit(
              ada, id, read.content(), read.revision(), change, Duration.ofSeconds(30));

      assertThat(submitted.revision()).isEqualTo(read.revision() + 2);
      assertThat(ada.documents().get(id).text()).isEqualTo("Dear reader. Hello brave world.");
    }
  }

  @Test
  void anEditSentWithoutAQuorumWaitsItOutAndLandsOnce() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir);
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      String id = ada.documents().create("Letter", "Hello world.").id();
      DocumentSnapshot read = ada.documents().get(id);
      Operation change = Document.of(read.text()).diffTo(Document.of("Hello world. P.S."));
      String token = ada.login("ada", TestAccounts.PASSWORD, "cli").token();
      List<String> stopped = List.of(cluster.leaderId(), cluster.aFollowerId());
      for (String node : stopped) {
        cluster.stopNode(node);
      }
      try (RaftpadClient cli =
          RaftpadClient.connect(
              SeedAddresses.parse(cluster.seeds()),
              ClientOptions.defaults()
                  .withTrustedCa(TestTls.trustedCa())
                  .withTimeouts(Duration.ofMillis(300), Duration.ofSeconds(1)))) {
        cli.useToken(token);
        CompletableFuture<?> submitted =
            CompletableFuture.supplyAsync(
                () ->
                    MergingSubmit.submit(
                        cli, id, read.content(), read.revision(), change, Duration.ofMinutes(2)));
        // Several call deadlines pass while there is no quorum; the edit is still being tried
        // (a submit that gave up would complete, with its failure, within this wait).
        assertThatThrownBy(() -> submitted.get(3, TimeUnit.SECONDS))
            .isInstanceOf(TimeoutException.class);
        for (String node : stopped) {
          cluster.startNode(node);
        }
        submitted.get();
      }
      assertThat(ada.documents().get(id).text()).isEqualTo("Hello world. P.S.");
    }
  }
}
