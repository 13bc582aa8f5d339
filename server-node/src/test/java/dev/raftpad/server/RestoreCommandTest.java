package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.spi.Storage;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.server.backup.BackupFile;
import dev.raftpad.server.backup.BackupHeader;
import dev.raftpad.server.state.FormatVersion;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server-node restore}: what it writes into a data dir, and that every bad input stops it in
 * one line with nothing written. (That nodes started on restored data dirs form a cluster holding
 * the backup's state is client's {@code ops.BackupRestoreTest}, with real processes.)
 */
class RestoreCommandTest {
  @TempDir Path dir;

  private Path backupOf(StateSnapshot state) throws Exception {
    byte[] bytes = state.toByteArray();
    Path file = dir.resolve("prod.backup");
    Files.write(
        file,
        new BackupFile(
                new BackupHeader(
                    "prod",
                    120,
                    4,
                    Membership.ofVoters("a", "b", "c"),
                    Instant.parse("2026-12-06T18:00:00Z"),
                    bytes.length),
                bytes)
            .toBytes());
    return file;
  }

  private static StateSnapshot oldClusterState() {
    return StateSnapshot.newBuilder()
        .setFormatVersion(FormatVersion.CURRENT)
        .addMembers(RegisterMemberCommand.newBuilder().setNodeId("a").setAddress("old:1"))
        .build();
  }

  private record Run(int exit, String err) {}

  /**
   * {@code restore} of {@code backup} into {@code dataDir} as node n1 on 7101, with {@code
   * options}.
   */
  private static Run restoreAsN1(Path backup, Path dataDir, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "restore",
                backup.toString(),
                "--data-dir",
                dataDir.toString(),
                "--node-id",
                "n1",
                "--listen",
                "127.0.0.1:7101"));
    args.addAll(List.of(options));
    return run(args.toArray(String[]::new));
  }

  private static Run run(String... args) {
    StringWriter err = new StringWriter();
    int exit = ServerNodeMain.run(args, new PrintWriter(err, true));
    return new Run(exit, err.toString());
  }

  @Test
  void writesASnapshotAtTheBackupsIndexWithTheNewMembersAndTheirAddresses() throws Exception {
    Path backup = backupOf(oldClusterState());
    Path dataDir = dir.resolve("n1");
    Run run =
        restoreAsN1(
            backup,
            dataDir,
            "--cluster-id",
            "prod-2",
            "--peers",
            "n2=127.0.0.1:7102,n3=127.0.0.1:7103");
    assertThat(run.exit()).as(run.err()).isZero();

    assertThat(Files.readString(dataDir.resolve("identity")))
        .contains("node.id=n1")
        .contains("cluster.id=prod-2");
    try (FileStorage storage = new FileStorage(dataDir.resolve("raft"))) {
      Storage.Recovered recovered = storage.recover();
      assertThat(recovered.snapshot().meta().index()).isEqualTo(120);
      assertThat(recovered.snapshot().meta().term()).isEqualTo(4);
      assertThat(recovered.snapshot().meta().membership())
          .isEqualTo(Membership.ofVoters("n1", "n2", "n3"));
      assertThat(recovered.hardState().commit()).isEqualTo(120);
      assertThat(recovered.entries()).isEmpty();
      StateSnapshot state = StateSnapshot.parseFrom(recovered.snapshot().data());
      assertThat(state.getMembersList())
          .extracting(RegisterMemberCommand::getNodeId, RegisterMemberCommand::getAddress)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("n1", "127.0.0.1:7101"),
              org.assertj.core.groups.Tuple.tuple("n2", "127.0.0.1:7102"),
              org.assertj.core.groups.Tuple.tuple("n3", "127.0.0.1:7103"));
    }
  }

  @Test
  void theBackupsClusterIdIsRefusedUnlessAskedFor() throws Exception {
    Path backup = backupOf(oldClusterState());
    Path dataDir = dir.resolve("n1");
    Run run = restoreAsN1(backup, dataDir, "--cluster-id", "prod");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            "server-node: the backup is of cluster 'prod': give the restored cluster a new"
                + " --cluster-id (or --same-cluster-id, once no node of 'prod' runs)");
    assertThat(dataDir).doesNotExist();

    Run kept = restoreAsN1(backup, dataDir, "--same-cluster-id");
    assertThat(kept.exit()).as(kept.err()).isZero();
    assertThat(Files.readString(dataDir.resolve("identity"))).contains("cluster.id=prod");
  }

  @Test
  void aDataDirInUseIsLeftAlone() throws Exception {
    Path backup = backupOf(oldClusterState());
    Path dataDir = dir.resolve("n1");
    Files.createDirectories(dataDir);
    Files.writeString(dataDir.resolve("identity"), "node.id=n1\ncluster.id=other\n");
    Run run = restoreAsN1(backup, dataDir, "--cluster-id", "prod-2");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err()).contains("is not empty: a restore only seeds a new node");
    try (var files = Files.list(dataDir)) {
      assertThat(files.toList()).containsExactly(dataDir.resolve("identity"));
    }
    assertThat(Files.readString(dataDir.resolve("identity"))).contains("cluster.id=other");
  }

  @Test
  void aStateInANewerFormatIsRefusedAndNothingIsWritten() throws Exception {
    Path backup =
        backupOf(oldClusterState().toBuilder().setFormatVersion(FormatVersion.CURRENT + 1).build());
    Path dataDir = dir.resolve("n1");
    Run run = restoreAsN1(backup, dataDir, "--cluster-id", "prod-2");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).hasSize(1);
    assertThat(run.err())
        .contains("format version " + (FormatVersion.CURRENT + 1))
        .contains("Upgrade this node");
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void aDamagedFileIsRefusedInOneLine() throws Exception {
    Path backup = backupOf(oldClusterState());
    byte[] bytes = Files.readAllBytes(backup);
    bytes[bytes.length - 80] ^= 1; // in the state, before the checksum line
    Files.write(backup, bytes);
    Run run = restoreAsN1(backup, dir.resolve("n1"), "--cluster-id", "prod-2");
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList())
        .containsExactly(
            "server-node: "
                + backup
                + " is damaged: its SHA-256 checksum does not match its"
                + " content");
    assertThat(dir.resolve("n1")).doesNotExist();
  }
}
