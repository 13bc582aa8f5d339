package dev.raftpad.server.raft;

import com.google.protobuf.ByteString;
import dev.raftpad.proto.v1.Configuration;
import dev.raftpad.proto.v1.PeerAddress;
import dev.raftpad.proto.v1.PeerHeader;
import dev.raftpad.proto.v1.SnapshotChunk;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32C;

/**
 * A snapshot on the wire: metadata in the first chunk, the data in pieces of {@link #CHUNK_BYTES},
 * and the CRC32C of the whole data with the last chunk, so a snapshot larger than one gRPC message
 * crosses intact or not at all.
 */
final class SnapshotChunks {
  static final int CHUNK_BYTES = 1024 * 1024;

  private SnapshotChunks() {}

  static List<SnapshotChunk> split(String clusterId, Message.InstallSnapshot message) {
    Snapshot snapshot = message.snapshot();
    byte[] data = snapshot.data();
    CRC32C crc = new CRC32C();
    crc.update(data);
    PeerHeader header =
        PeerHeader.newBuilder()
            .setClusterId(clusterId)
            .setFromNodeId(message.from())
            .setToNodeId(message.to())
            .setTerm(message.term())
            .build();
    List<SnapshotChunk> chunks = new ArrayList<>();
    int offset = 0;
    do {
      int length = Math.min(CHUNK_BYTES, data.length - offset);
      SnapshotChunk.Builder chunk =
          SnapshotChunk.newBuilder()
              .setHeader(header)
              .setOffset(offset)
              .setData(ByteString.copyFrom(data, offset, length));
      if (offset == 0) {
        SnapshotMeta meta = snapshot.meta();
        chunk
            .setLastIncludedIndex(meta.index())
            .setLastIncludedTerm(meta.term())
            .setConfiguration(toWire(meta.membership()))
            .setTotalSize(data.length);
      }
      offset += length;
      if (offset == data.length) {
        chunk.setDone(true).setCrc32C((int) crc.getValue());
      }
      chunks.add(chunk.build());
    } while (offset < data.length);
    return chunks;
  }

  private static Configuration toWire(Membership membership) {
    Configuration.Builder configuration = Configuration.newBuilder();
    membership
        .voters()
        .forEach(v -> configuration.addVoters(PeerAddress.newBuilder().setNodeId(v)));
    membership
        .learners()
        .forEach(l -> configuration.addLearners(PeerAddress.newBuilder().setNodeId(l)));
    return configuration.build();
  }

  /** Reassembles one snapshot stream, checking order, size and checksum. */
  static final class Assembler {
    private final long maxBytes;
    private SnapshotChunk first;
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();
    private Message.InstallSnapshot result;

    Assembler(long maxBytes) {
      this.maxBytes = maxBytes;
    }

    /**
     * @throws IllegalArgumentException if the stream is malformed or damaged
     */
    void accept(SnapshotChunk chunk) {
      if (result != null) {
        throw new IllegalArgumentException("chunk after the last one");
      }
      if (first == null) {
        if (chunk.getOffset() != 0) {
          throw new IllegalArgumentException("snapshot stream does not start at offset 0");
        }
        if (chunk.getTotalSize() > maxBytes) {
          throw new IllegalArgumentException(
              "snapshot of " + chunk.getTotalSize() + " bytes exceeds " + maxBytes);
        }
        first = chunk;
      }
      if (chunk.getOffset() != data.size()) {
        throw new IllegalArgumentException(
            "chunk at offset " + chunk.getOffset() + " but " + data.size() + " bytes received");
      }
      if (data.size() + chunk.getData().size() > first.getTotalSize()) {
        throw new IllegalArgumentException("snapshot stream longer than announced");
      }
      data.writeBytes(chunk.getData().toByteArray());
      if (chunk.getDone()) {
        byte[] bytes = data.toByteArray();
        if (bytes.length != first.getTotalSize()) {
          throw new IllegalArgumentException("snapshot stream shorter than announced");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        if ((int) crc.getValue() != chunk.getCrc32C()) {
          throw new IllegalArgumentException("snapshot checksum mismatch");
        }
        PeerHeader h = first.getHeader();
        SnapshotMeta meta =
            new SnapshotMeta(
                first.getLastIncludedIndex(),
                first.getLastIncludedTerm(),
                fromWire(first.getConfiguration()));
        result =
            new Message.InstallSnapshot(
                h.getFromNodeId(), h.getToNodeId(), h.getTerm(), new Snapshot(meta, bytes));
      }
    }

    /** The snapshot once the last chunk arrived, else {@code null}. */
    Message.InstallSnapshot result() {
      return result;
    }

    String clusterId() {
      return first == null ? "" : first.getHeader().getClusterId();
    }

    private static Membership fromWire(Configuration configuration) {
      Set<String> voters = new HashSet<>();
      configuration.getVotersList().forEach(v -> voters.add(v.getNodeId()));
      Set<String> learners = new HashSet<>();
      configuration.getLearnersList().forEach(l -> learners.add(l.getNodeId()));
      return new Membership(voters, learners);
    }
  }
}
