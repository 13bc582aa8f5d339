package dev.raftpad.client.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.client.sdk.Cluster;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.DocumentSnapshot;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.client.testing.ProcessClients;
import dev.raftpad.client.testing.SetupCalls;
import dev.raftpad.document.op.Operation;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Online backup and restore with real processes: three server nodes take writes from three writers
 * (one per document); a backup is taken while they write and they keep writing after it; every node
 * of a fresh three-node cluster (new ports, new CA, new cluster id) is restored from the file with
 * {@code ServerNodeMain restore}; the restored cluster elects a leader and holds exactly the state
 * at the backup's index: every edit acknowledged before the backup was asked for, none sent after
 * it was written, and each document equal to the original's at the restored revision.
 */
class BackupRestoreTest {
  private static final String PASSWORD = "backup password";

  /** How long a setup call is repeated while a fresh cluster elects its leader. */
  private static final Duration SETUP = Duration.ofSeconds(90);

  private static final int DOCUMENTS = 3;

  @TempDir Path root;

  private final List<RaftpadClient> clients = new ArrayList<>();

  @Test
  void aBackupTakenUnderLoadRestoresIntoAFreshClusterHoldingTheStateAtItsIndex() throws Exception {
    List<String> ids = List.of("n1", "n2", "n3");
    try (NodeProcesses old = new NodeProcesses(root.resolve("old"), ids);
        NodeProcesses fresh =
            new NodeProcesses(root.resolve("new"), ids).clusterId("restored-cluster")) {
      for (String id : ids) {
        old.start(id);
      }
      RaftpadClient admin = client(old);
      registered(admin, "admin");
      String token = setup(() -> admin.login("admin", PASSWORD, "backup").token());
      List<String> documents = new ArrayList<>();
      for (int i = 0; i < DOCUMENTS; i++) {
        int n = i;
        documents.add(setup(() -> admin.documents().create("doc " + n, "").id()));
      }

      Map<String, TokenWriter> writers = new LinkedHashMap<>();
      for (String document : documents) {
        RaftpadClient client = client(old);
        client.useToken(token);
        writers.put(document, TokenWriter.start(client, document));
      }
      Await.until(
          "every writer has 20 edits acknowledged",
          Duration.ofMinutes(2),
          () -> writers.values().stream().allMatch(w -> w.healthy() && w.acknowledged() >= 20));

      // A non-admin may not take a backup, and is refused before any file appears.
      RaftpadClient bob = client(old);
      registered(bob, "bob");
      setup(() -> bob.login("bob", PASSWORD, "backup"));
      Path refusedFile = root.resolve("bob.backup");
      RaftpadException refused =
          catchThrowableOfType(RaftpadException.class, () -> bob.cluster().backup(refusedFile));
      assertThat(refused.reason()).isEqualTo(RaftpadException.Reason.PERMISSION_DENIED);
      assertThat(refusedFile).doesNotExist();

      Map<String, Long> acknowledgedBefore = figures(writers, TokenWriter::acknowledged);
      Path file = root.resolve("cluster.backup");
      Cluster.Backup backup = admin.cluster().backup(file);
      Map<String, Long> startedAfter = figures(writers, TokenWriter::started);
      Await.until(
          "every writer has 10 more edits acknowledged after the backup",
          Duration.ofMinutes(2),
          () ->
              documents.stream()
                  .allMatch(
                      d ->
                          writers.get(d).healthy()
                              && writers.get(d).acknowledged() >= startedAfter.get(d) + 10));
      for (TokenWriter writer : writers.values()) {
        writer.stop();
      }

      assertThat(backup.clusterId()).isEqualTo("chaos");
      assertThat(backup.voters()).containsExactlyElementsOf(ids);
      assertThat(Files.size(file)).isEqualTo(backup.bytes());
      assertThat(Files.getPosixFilePermissions(file))
          .isEqualTo(PosixFilePermissions.fromString("rw-------"));
      assertThat(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
          .startsWith("RAFTPAD-BACKUP 1\ncluster.id=chaos\nindex=" + backup.index() + "\n");

      for (String id : ids) {
        NodeProcesses.Finished restored = fresh.restore(id, file);
        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThat(restored.output())
            .contains("restored node " + id + " of cluster restored-cluster");
      }
      for (String id : ids) {
        fresh.start(id);
      }
      RaftpadClient again = client(fresh);
      setup(() -> again.login("admin", PASSWORD, "restored"));

      for (String document : documents) {
        DocumentSnapshot restored = setup(() -> again.documents().get(document));
        List<Long> present = TokenWriter.tokens(restored.text());
        assertThat(present)
            .as("edits of %s acknowledged before the backup", document)
            .containsAll(TokenWriter.range(1, acknowledgedBefore.get(document)));
        assertThat(present)
            .as("edits of %s sent after the backup was written", document)
            .allMatch(seq -> seq <= startedAfter.get(document));
        DocumentSnapshot original =
            admin.documents().get(document, OptionalLong.of(restored.revision()), false);
        assertThat(restored.text()).isEqualTo(original.text());
        assertThat(restored.revision()).isLessThan(admin.documents().get(document).revision());
      }

      var status = again.cluster().status();
      assertThat(status.clusterId()).isEqualTo("restored-cluster");
      assertThat(status.members().stream().map(MemberStatus::clientAddress))
          .containsExactlyInAnyOrderElementsOf(ids.stream().map(fresh::address).toList());
      assertThat(status.appliedIndex()).isGreaterThanOrEqualTo(backup.index());

      // The restored cluster is a working one: it takes a write.
      var written =
          again
              .edits()
              .submit(documents.getFirst(), "after-restore", 1, 0, Operation.insert(0, "!"));
      assertThat(again.documents().get(documents.getFirst()).text()).contains("!");
      assertThat(written.revision()).isPositive();
    } finally {
      clients.forEach(RaftpadClient::close);
    }
  }

  private static Map<String, Long> figures(
      Map<String, TokenWriter> writers, java.util.function.ToLongFunction<TokenWriter> figure) {
    Map<String, Long> figures = new LinkedHashMap<>();
    writers.forEach((document, writer) -> figures.put(document, figure.applyAsLong(writer)));
    return figures;
  }

  private RaftpadClient client(NodeProcesses nodes) {
    RaftpadClient client =
        ProcessClients.connect(nodes, Duration.ofSeconds(5), Duration.ofSeconds(30));
    clients.add(client);
    return client;
  }

  private static void registered(RaftpadClient client, String user) {
    SetupCalls.registered(SETUP, client, user, PASSWORD);
  }

  private static <T> T setup(Supplier<T> call) {
    return SetupCalls.retried(SETUP, call);
  }
}
