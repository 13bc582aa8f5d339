package dev.raftpad.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.raft.storage.RecordFrame.Decoded;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RecordFrameTest {

  @Test
  void intactRecordsDecodeInOrderThenEnd() {
    ByteBuffer buffer = ByteBuffer.allocate(256);
    RecordFrame.encode(bytes("first"), buffer);
    RecordFrame.encode(bytes("second"), buffer);
    buffer.flip();

    assertThat(RecordFrame.decode(buffer))
        .isInstanceOfSatisfying(
            Decoded.Intact.class, r -> assertThat(r.payload()).isEqualTo(bytes("first")));
    assertThat(RecordFrame.decode(buffer))
        .isInstanceOfSatisfying(
            Decoded.Intact.class, r -> assertThat(r.payload()).isEqualTo(bytes("second")));
    assertThat(RecordFrame.decode(buffer)).isInstanceOf(Decoded.End.class);
  }

  @Test
  void aRecordCutShortIsATornTailNotCorruption() {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    RecordFrame.encode(bytes("complete"), buffer);
    int firstEnd = buffer.position();
    RecordFrame.encode(bytes("interrupted write"), buffer);
    buffer.flip().limit(buffer.limit() - 3);

    assertThat(RecordFrame.decode(buffer)).isInstanceOf(Decoded.Intact.class);
    assertThat(RecordFrame.decode(buffer)).isEqualTo(new Decoded.TornTail(firstEnd));
  }

  @Test
  void aFlippedPayloadBitIsACheckumMismatch() {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    RecordFrame.encode(bytes("payload"), buffer);
    buffer.flip();
    buffer.put(RecordFrame.HEADER_BYTES + 2, (byte) (buffer.get(RecordFrame.HEADER_BYTES + 2) ^ 1));

    assertThat(RecordFrame.decode(buffer))
        .isEqualTo(new Decoded.ChecksumMismatch(0, RecordFrame.framedSize(7)));
    assertThat(buffer.position()).as("a damaged record is not consumed").isZero();
  }

  @Test
  void aDamagedLengthIsCaughtByTheChecksumOrAsImpossible() {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    RecordFrame.encode(bytes("payload"), buffer);
    RecordFrame.encode(bytes("payload"), buffer);
    buffer.flip();
    buffer.putInt(0, 3);
    assertThat(RecordFrame.decode(buffer)).isInstanceOf(Decoded.ChecksumMismatch.class);

    buffer.putInt(0, -5);
    assertThat(RecordFrame.decode(buffer)).isInstanceOf(Decoded.Corrupt.class);
  }

  @Test
  void zeroFillAfterTheLastRecordIsTheEnd() {
    ByteBuffer buffer = ByteBuffer.allocate(64);
    RecordFrame.encode(bytes("x"), buffer);
    buffer.position(0);

    assertThat(RecordFrame.decode(buffer)).isInstanceOf(Decoded.Intact.class);
    assertThat(RecordFrame.decode(buffer)).isInstanceOf(Decoded.End.class);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
