package dev.raftpad.server.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.raftpad.proto.v1.SnapshotChunk;
import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.Message;
import dev.raftpad.raft.core.Snapshot;
import dev.raftpad.raft.core.SnapshotMeta;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SnapshotChunksTest {
  private static Message.InstallSnapshot snapshot(int bytes) {
    byte[] data = new byte[bytes];
    new SplittableRandom(1).nextBytes(data);
    return new Message.InstallSnapshot(
        "n1",
        "n2",
        7,
        new Snapshot(
            new SnapshotMeta(100, 6, new Membership(Set.of("n1", "n2"), Set.of("n3"))), data));
  }

  @Test
  void aSnapshotLargerThanOneChunkRoundTrips() {
    Message.InstallSnapshot original = snapshot(SnapshotChunks.CHUNK_BYTES * 2 + 17);
    List<SnapshotChunk> chunks = SnapshotChunks.split("c", original);
    assertThat(chunks).hasSize(3);

    SnapshotChunks.Assembler assembler = new SnapshotChunks.Assembler(1L << 30);
    chunks.forEach(assembler::accept);

    Message.InstallSnapshot rebuilt = assembler.result();
    assertThat(rebuilt.snapshot().meta()).isEqualTo(original.snapshot().meta());
    assertThat(rebuilt.snapshot().data()).isEqualTo(original.snapshot().data());
    assertThat(assembler.clusterId()).isEqualTo("c");
  }

  @Test
  void anEmptySnapshotIsOneChunk() {
    List<SnapshotChunk> chunks = SnapshotChunks.split("c", snapshot(0));
    SnapshotChunks.Assembler assembler = new SnapshotChunks.Assembler(10);
    chunks.forEach(assembler::accept);
    assertThat(assembler.result().snapshot().data()).isEmpty();
  }

  @Test
  void damagedReorderedOrOversizedStreamsAreRefused() {
    List<SnapshotChunk> chunks =
        SnapshotChunks.split("c", snapshot(SnapshotChunks.CHUNK_BYTES + 5));

    SnapshotChunks.Assembler damaged = new SnapshotChunks.Assembler(1L << 30);
    damaged.accept(chunks.get(0));
    SnapshotChunk flipped =
        chunks.get(1).toBuilder().setData(ByteString.copyFrom(new byte[] {1, 2, 3, 4, 5})).build();
    assertThatThrownBy(() -> damaged.accept(flipped)).hasMessageContaining("checksum");

    SnapshotChunks.Assembler reordered = new SnapshotChunks.Assembler(1L << 30);
    assertThatThrownBy(() -> reordered.accept(chunks.get(1))).hasMessageContaining("offset 0");

    SnapshotChunks.Assembler small = new SnapshotChunks.Assembler(100);
    assertThatThrownBy(() -> small.accept(chunks.get(0))).hasMessageContaining("exceeds");
  }
}
