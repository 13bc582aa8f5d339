package dev.raftpad.server.upgrade;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.raft.storage.NodeIdentity;
import dev.raftpad.server.state.FormatVersion;
import dev.raftpad.testkit.process.NodeProcesses;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server node process on a data dir written by a newer release exits non-zero with one line that
 * names the version, and no stack trace: whether the newer version is in the snapshot or in a
 * logged command (which, unchecked, the Raft loop would meet only after startup).
 */
class NewerFormatRefusalTest {
  private static final int NEWER = FormatVersion.CURRENT + 1;

  @TempDir Path root;

  @Test
  void aSnapshotOfANewerFormatStopsTheNodeInOneLine() throws Exception {
    Path dataDir = root.resolve("n1");
    try (FileStorage storage = dataDir(dataDir)) {
      storage.saveSnapshot(snapshot(5, NEWER));
      storage.setHardState(new HardState(1, null, 5));
      storage.sync();
    }
    NodeProcesses.Finished run = start(dataDir);
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output())
        .contains(
            "server-node: the state snapshot at index 5 is in format version "
                + NEWER
                + "; this node reads format versions 1 to "
                + FormatVersion.CURRENT
                + ".");
    assertNoStackTrace(run.output());
  }

  @Test
  void aLoggedCommandOfANewerFormatStopsTheNodeInOneLine() throws Exception {
    Path dataDir = root.resolve("n1");
    try (FileStorage storage = dataDir(dataDir)) {
      storage.saveSnapshot(snapshot(1, FormatVersion.CURRENT));
      storage.append(
          List.of(
              new Entry(2, 1, EntryType.COMMAND, command(FormatVersion.CURRENT)),
              new Entry(3, 1, EntryType.COMMAND, command(NEWER)),
              new Entry(4, 1, EntryType.COMMAND, command(FormatVersion.CURRENT))));
      storage.setHardState(new HardState(1, null, 4));
      storage.sync();
    }
    NodeProcesses.Finished run = start(dataDir);
    assertThat(run.exitCode()).as(run.output()).isEqualTo(2);
    assertThat(run.output())
        .contains(
            "server-node: the command at index 3 is in format version "
                + NEWER
                + "; this node reads format versions 1 to "
                + FormatVersion.CURRENT
                + ".");
    assertNoStackTrace(run.output());
  }

  private static void assertNoStackTrace(String output) {
    assertThat(output).doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(output.lines().filter(line -> line.startsWith("server-node:"))).hasSize(1);
  }

  /** A data dir as node n1 of cluster "chaos" writes it, open for writing its Raft files. */
  private static FileStorage dataDir(Path dataDir) throws Exception {
    NodeIdentity.loadOrCreate(dataDir, new NodeIdentity("n1", "chaos"));
    FileStorage storage = new FileStorage(dataDir.resolve("raft"));
    var unused = storage.recover();
    return storage;
  }

  private static Snapshot snapshot(long index, int version) {
    return new Snapshot(
        new SnapshotMeta(index, 1, Membership.ofVoters("n1")),
        StateSnapshot.newBuilder().setFormatVersion(version).build().toByteArray());
  }

  private static byte[] command(int version) {
    return Command.newBuilder().setFormatVersion(version).setTimeMillis(1).build().toByteArray();
  }

  private NodeProcesses.Finished start(Path dataDir) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    try (NodeProcesses nodes = new NodeProcesses(root.resolve("run"), List.of("n1"))) {
      return nodes.runNodeMain(
          List.of(
              "--node-id",
              "n1",
              "--cluster-id",
              "chaos",
              "--secret",
              "0123456789abcdef0123456789abcdef",
              "--insecure",
              "--listen",
              "127.0.0.1:" + port,
              "--metrics-address",
              "off",
              "--data-dir",
              dataDir.toString()));
    }
  }
}
