package dev.raftpad.server.upgrade;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.WireFormat;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.StateSnapshot;
import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.Storage;
import dev.raftpad.raft.storage.FileStorage;
import dev.raftpad.raft.storage.PrivateFiles;
import dev.raftpad.server.state.CollabState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks, before a node starts, that it reads every format version stored in its data dir: the
 * snapshot's and every logged command's ({@code format_version}, ADR 0008). Without it a command of
 * a newer version would be found only when the Raft loop applies it after startup, and the loop
 * would stop with a stack trace while the process kept running; with it, the node refuses the data
 * dir at once, in one line, and exits.
 *
 * <p>Only the version fields are read (the rest of each message is skipped, not decoded), and the
 * judgement is the state machine's own: each distinct version found is shown to a scratch {@link
 * CollabState} in an otherwise empty snapshot or command, which throws the very {@code
 * UnsupportedFormatException} the node would.
 */
public final class StoredFormats {
  private static final int SNAPSHOT_VERSION_FIELD = StateSnapshot.FORMAT_VERSION_FIELD_NUMBER;
  private static final int COMMAND_VERSION_FIELD = Command.FORMAT_VERSION_FIELD_NUMBER;

  private StoredFormats() {}

  /**
   * Throws if the data dir holds a snapshot or command this node cannot read. A data dir without a
   * Raft log (a new node) passes.
   *
   * @throws IllegalStateException (an {@code UnsupportedFormatException}) naming the version and
   *     the index where it was found
   * @throws IOException if the log cannot be read (it is locked, damaged, ...)
   */
  public static void check(Path dataDir) throws IOException {
    Path raftDir = dataDir.resolve("raft");
    if (!Files.isDirectory(raftDir)) {
      return;
    }
    PrivateFiles.secureDataDir(dataDir); // as the node does before it reads anything
    Storage.Recovered recovered;
    try (FileStorage storage = new FileStorage(raftDir)) {
      recovered = storage.recover();
    }
    Snapshot snapshot = recovered.snapshot();
    if (snapshot != null) {
      int version = versionField(snapshot.data(), SNAPSHOT_VERSION_FIELD);
      SnapshotMeta meta = snapshot.meta();
      new CollabState()
          .restore(
              meta, StateSnapshot.newBuilder().setFormatVersion(version).build().toByteArray());
    }
    Map<Integer, Long> firstIndexOfVersion = new TreeMap<>();
    for (Entry entry : recovered.entries()) {
      if (entry.type() == EntryType.COMMAND) {
        firstIndexOfVersion.putIfAbsent(
            versionField(entry.data(), COMMAND_VERSION_FIELD), entry.index());
      }
    }
    CollabState scratch = new CollabState();
    firstIndexOfVersion.forEach(
        (version, index) -> {
          var unused =
              scratch.apply(
                  index, Command.newBuilder().setFormatVersion(version).build().toByteArray());
        });
  }

  /** The value of one uint32 field of a message, 0 if absent or unreadable, without decoding it. */
  private static int versionField(byte[] message, int field) {
    CodedInputStream in = CodedInputStream.newInstance(message);
    int version = 0;
    try {
      for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
        if (WireFormat.getTagFieldNumber(tag) == field
            && WireFormat.getTagWireType(tag) == WireFormat.WIRETYPE_VARINT) {
          version = in.readUInt32(); // the last occurrence wins, as in a full parse
        } else if (!in.skipField(tag)) {
          break;
        }
      }
    } catch (IOException e) {
      return version; // an unreadable message is the state machine's to judge when it applies it
    }
    return version;
  }
}
