package dev.raftpad.raft.storage;

import dev.raftpad.raft.core.HardState;
import dev.raftpad.raft.spi.CorruptStorageException;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file {@code hardstate}: one {@link RecordFrame} whose payload is {@code [format:byte]
 * [term:long][commit:long][hasVote:byte][voteLength:int][votedFor UTF-8]}.
 *
 * <p>It is only ever replaced atomically ({@link AtomicFiles}), so a torn file cannot happen: any
 * damage is corruption, and a node that lost its vote could vote twice in one term.
 */
final class HardStateFile {
  static final String NAME = "hardstate";
  private static final byte FORMAT_V1 = 1;

  private final Path path;
  private final Fsync fsync;

  HardStateFile(Path dataDir, Fsync fsync) {
    this.path = dataDir.resolve(NAME);
    this.fsync = fsync;
  }

  Path path() {
    return path;
  }

  /** The stored hard state, or {@link HardState#INITIAL} if none was ever written. */
  HardState read() throws IOException {
    if (!Files.exists(path)) {
      return HardState.INITIAL;
    }
    ByteBuffer file = ByteBuffer.wrap(Files.readAllBytes(path));
    if (!(RecordFrame.decode(file) instanceof RecordFrame.Decoded.Intact intact)) {
      throw new CorruptStorageException(path + ": hard state record is damaged (offset 0)");
    }
    if (file.hasRemaining()) {
      throw new CorruptStorageException(
          path + ": " + file.remaining() + " unexpected bytes after the hard state record");
    }
    try {
      return decode(intact.payload());
    } catch (IllegalArgumentException e) {
      throw new CorruptStorageException(path + ": " + e.getMessage());
    }
  }

  /** Replaces the stored hard state, durably on return. */
  void write(HardState state) throws IOException {
    byte[] vote =
        state.votedFor() == null ? new byte[0] : state.votedFor().getBytes(StandardCharsets.UTF_8);
    ByteBuffer payload = ByteBuffer.allocate(1 + 8 + 8 + 1 + 4 + vote.length);
    payload
        .put(FORMAT_V1)
        .putLong(state.term())
        .putLong(state.commit())
        .put((byte) (state.votedFor() == null ? 0 : 1))
        .putInt(vote.length)
        .put(vote);
    ByteBuffer framed = ByteBuffer.allocate(RecordFrame.framedSize(payload.capacity()));
    RecordFrame.encode(payload.array(), framed);
    AtomicFiles.replace(path, fsync, framed.flip());
  }

  private static HardState decode(byte[] payload) {
    ByteBuffer in = ByteBuffer.wrap(payload);
    try {
      byte format = in.get();
      if (format != FORMAT_V1) {
        throw new IllegalArgumentException("unknown hard state format " + format);
      }
      long term = in.getLong();
      long commit = in.getLong();
      boolean hasVote = in.get() != 0;
      byte[] vote = new byte[in.getInt()];
      in.get(vote);
      if (in.hasRemaining()) {
        throw new IllegalArgumentException("trailing bytes in the hard state record");
      }
      return new HardState(term, hasVote ? new String(vote, StandardCharsets.UTF_8) : null, commit);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new IllegalArgumentException("malformed hard state record", e);
    }
  }
}
