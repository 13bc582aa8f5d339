package dev.raftpad.server.backup;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.raft.storage.NodeIdentity;
import dev.raftpad.server.state.CollabState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Seeds one node of a new cluster from a backup, with the data dir a node writes itself: its {@link
 * NodeIdentity}, and a {@link FileStorage} holding only a snapshot at the backup's index (whose
 * membership is the new cluster's voters) and a hard state whose commit index is that index. Every
 * node of the new cluster is restored from the same file, each with its own node id and the same
 * member list, like {@code etcdutl snapshot restore}: they then agree on the log up to the backup's
 * index and elect a leader as a founded cluster does.
 *
 * <p>The replicated address book in the state is replaced by the new members' addresses: the old
 * cluster's would point the new nodes at the old ones.
 */
public final class Restore {
  /**
   * Where and as what a node is restored.
   *
   * @param members every member of the new cluster (this node included): node id to host:port
   */
  public record Target(Path dataDir, String nodeId, String clusterId, Map<String, String> members) {
    public Target {
      Objects.requireNonNull(dataDir, "dataDir");
      new NodeIdentity(nodeId, clusterId); // checks both ids
      members = Map.copyOf(members);
      if (!members.containsKey(nodeId)) {
        throw new IllegalArgumentException(
            "the member list must name this node (" + nodeId + ") too");
      }
    }
  }

  private Restore() {}

  /**
   * Writes {@code target}'s data dir from {@code backup}. Everything is checked before anything is
   * written, and a data dir left half-written by a failure is removed again.
   *
   * @throws BadBackupException if the data dir is not empty, or the state cannot be read by this
   *     node (a newer format)
   */
  public static void into(Target target, BackupFile backup) throws BadBackupException {
    Path dataDir = target.dataDir();
    requireEmpty(dataDir);
    BackupHeader header = backup.header();
    SnapshotMeta meta =
        new SnapshotMeta(
            header.index(),
            header.term(),
            new Membership(target.members().keySet(), java.util.Set.of()));
    byte[] state = withMembers(backup.state(), target.members(), header);
    try {
      // The one reader of snapshots: refuses a newer format, and proves the state is whole.
      new CollabState().restore(meta, state);
    } catch (RuntimeException e) {
      throw new BadBackupException(e.getMessage(), e);
    }
    boolean existed = Files.exists(dataDir);
    try {
      NodeIdentity.loadOrCreate(dataDir, new NodeIdentity(target.nodeId(), target.clusterId()));
      try (FileStorage storage = new FileStorage(dataDir.resolve("raft"))) {
        var unused = storage.recover();
        storage.saveSnapshot(new Snapshot(meta, state));
        storage.setHardState(new HardState(header.term(), null, header.index()));
        storage.sync();
      }
    } catch (IOException | RuntimeException e) {
      removeQuietly(dataDir, existed);
      throw new BadBackupException("cannot write " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** The state with its address book replaced by the new cluster's members. */
  private static byte[] withMembers(byte[] state, Map<String, String> members, BackupHeader header)
      throws BadBackupException {
    StateSnapshot snapshot;
    try {
      snapshot = StateSnapshot.parseFrom(state);
    } catch (InvalidProtocolBufferException e) {
      throw new BadBackupException(
          "the backup's state at index " + header.index() + " is unreadable: " + e.getMessage(), e);
    }
    StateSnapshot.Builder rewritten = snapshot.toBuilder().clearMembers();
    new TreeMap<>(members) // sorted by node id, as the state writes it
        .forEach(
            (id, address) ->
                rewritten.addMembers(
                    RegisterMemberCommand.newBuilder().setNodeId(id).setAddress(address)));
    return rewritten.build().toByteArray();
  }

  private static void requireEmpty(Path dataDir) throws BadBackupException {
    if (!Files.exists(dataDir)) {
      return;
    }
    if (!Files.isDirectory(dataDir)) {
      throw new BadBackupException(dataDir + " exists and is not a directory");
    }
    try (Stream<Path> entries = Files.list(dataDir)) {
      if (entries.findAny().isPresent()) {
        throw new BadBackupException(
            "data dir "
                + dataDir
                + " is not empty: a restore only seeds a new node (move the old data dir away)");
      }
    } catch (IOException e) {
      throw new BadBackupException("cannot read " + dataDir + ": " + e.getMessage(), e);
    }
  }

  /** Removes what this restore wrote (the directory too, unless it was there before). */
  private static void removeQuietly(Path dataDir, boolean keepDirectory) {
    try (Stream<Path> all = Files.walk(dataDir)) {
      for (Path path : all.sorted(Comparator.reverseOrder()).toList()) {
        if (!(keepDirectory && path.equals(dataDir))) {
          Files.deleteIfExists(path);
        }
      }
    } catch (IOException ignored) {
      // The error that brought us here is the one to report.
    }
  }
}
