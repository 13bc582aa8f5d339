package dev.raftpad.raft.storage;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The on-disk framing of one write-ahead-log record: {@code [length:int][crc32c:int][payload]}.
 *
 * <p>The checksum covers the length and the payload, so a length field damaged by a torn write is
 * caught as well as a damaged payload. Decoding distinguishes a record that simply ends early (a
 * torn tail, expected after a crash between write and fsync) from one whose bytes are all there but
 * wrong (corruption, never expected: recovery must refuse to continue).
 */
public final class RecordFrame {
  /** Bytes of framing before the payload. */
  public static final int HEADER_BYTES = 8;

  /** Upper bound of one record's payload; anything larger is treated as a damaged length. */
  public static final int MAX_PAYLOAD_BYTES = 64 * 1024 * 1024;

  private RecordFrame() {}

  /** Writes one framed record at the buffer's position. */
  public static void encode(byte[] payload, ByteBuffer out) {
    if (payload.length > MAX_PAYLOAD_BYTES) {
      throw new IllegalArgumentException(
          "record of " + payload.length + " bytes exceeds " + MAX_PAYLOAD_BYTES);
    }
    out.putInt(payload.length);
    out.putInt(checksum(payload.length, payload));
    out.put(payload);
  }

  /** The number of bytes {@link #encode} writes for a payload of the given size. */
  public static int framedSize(int payloadBytes) {
    return HEADER_BYTES + payloadBytes;
  }

  /**
   * Reads the record at the buffer's position, advancing past it only when it is intact.
   *
   * @return what was found: a whole record, the clean end of the data, a torn tail, or corruption
   */
  public static Decoded decode(ByteBuffer in) {
    int start = in.position();
    int available = in.remaining();
    if (available == 0) {
      return new Decoded.End();
    }
    if (available < HEADER_BYTES) {
      return new Decoded.TornTail(start);
    }
    int length = in.getInt(start);
    int expected = in.getInt(start + 4);
    if (length == 0 && expected == 0 && allZero(in, start, available)) {
      // Preallocated, never-written space: the log ends here.
      return new Decoded.End();
    }
    if (length < 0 || length > MAX_PAYLOAD_BYTES) {
      return new Decoded.Corrupt(start, "impossible record length " + length);
    }
    if (available < HEADER_BYTES + length) {
      return new Decoded.TornTail(start);
    }
    byte[] payload = new byte[length];
    in.get(start + HEADER_BYTES, payload);
    if (checksum(length, payload) != expected) {
      return new Decoded.ChecksumMismatch(start, HEADER_BYTES + length);
    }
    in.position(start + HEADER_BYTES + length);
    return new Decoded.Intact(payload, start);
  }

  private static boolean allZero(ByteBuffer in, int from, int count) {
    for (int i = from; i < from + count; i++) {
      if (in.get(i) != 0) {
        return false;
      }
    }
    return true;
  }

  private static int checksum(int length, byte[] payload) {
    CRC32C crc = new CRC32C();
    crc.update(ByteBuffer.allocate(4).putInt(0, length));
    crc.update(payload);
    return (int) crc.getValue();
  }

  /** The outcome of decoding at one position. */
  public sealed interface Decoded {
    /** An intact record. Its payload is handed over, never compared, so an array is fine. */
    @SuppressWarnings("ArrayRecordComponent")
    record Intact(byte[] payload, int offset) implements Decoded {}

    /** No more data: the buffer ended exactly at a record boundary (or in zero fill). */
    record End() implements Decoded {}

    /** The data ends in the middle of a record: a write that never completed. */
    record TornTail(int offset) implements Decoded {}

    /**
     * A complete record whose checksum is wrong. At the very end of the data this can still be a
     * torn write (the length reached the disk, part of the payload did not); anywhere else it is
     * corruption. The caller, which knows what follows, decides.
     */
    record ChecksumMismatch(int offset, int framedLength) implements Decoded {}

    /** Bytes that cannot be a record at all. */
    record Corrupt(int offset, String reason) implements Decoded {}
  }
}
