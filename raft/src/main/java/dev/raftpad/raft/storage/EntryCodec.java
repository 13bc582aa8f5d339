package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.Entry;
import dev.raftpad.raft.core.EntryType;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;

/**
 * The payload of one WAL entry record: {@code [format:byte][index:long][term:long][type:byte]
 * [data...]}. The data runs to the end of the payload, whose length the {@link RecordFrame} holds.
 *
 * <p>Entry types are written as explicit codes, never as enum ordinals, so reordering {@link
 * EntryType} cannot silently change the meaning of stored logs.
 */
final class EntryCodec {
  /** Format of the entry payload; bump it (and keep decoding the old one) to change the layout. */
  private static final byte FORMAT_V1 = 1;

  private static final int FIXED_BYTES = 1 + Long.BYTES + Long.BYTES + 1;

  private EntryCodec() {}

  /** Payload bytes {@link #encode} produces for this entry. */
  static int payloadSize(Entry entry) {
    return FIXED_BYTES + entry.data().length;
  }

  /** Writes the payload (without framing) at the buffer's position. */
  static void encode(Entry entry, ByteBuffer out) {
    out.put(FORMAT_V1)
        .putLong(entry.index())
        .putLong(entry.term())
        .put(typeCode(entry.type()))
        .put(entry.data());
  }

  /**
   * Decodes a payload whose checksum already matched.
   *
   * @throws IllegalArgumentException if the bytes are not an entry of a known format: with a good
   *     checksum that means a writer bug or a foreign file, never a torn write
   */
  static Entry decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte format = in.get();
      if (format != FORMAT_V1) {
        throw new IllegalArgumentException("unknown entry format " + format);
      }
      long index = in.getLong();
      long term = in.getLong();
      EntryType type = typeOf(in.get());
      byte[] data = new byte[in.remaining()];
      in.get(data);
      return new Entry(index, term, type, data);
    } catch (BufferUnderflowException e) {
      throw new IllegalArgumentException("entry payload of " + payload.length + " bytes", e);
    }
  }

  private static byte typeCode(EntryType type) {
    return switch (type) {
      case NOOP -> 0;
      case COMMAND -> 1;
      case CONFIG -> 2;
    };
  }

  private static EntryType typeOf(byte code) {
    return switch (code) {
      case 0 -> EntryType.NOOP;
      case 1 -> EntryType.COMMAND;
      case 2 -> EntryType.CONFIG;
      default -> throw new IllegalArgumentException("unknown entry type code " + code);
    };
  }
}
