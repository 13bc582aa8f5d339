package dev.raftpad.client.sdk.offline;

import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.codec.InvalidInputException;
import dev.raftpad.codec.OperationCodec;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.sync.SyncState;
import dev.raftpad.document.text.Document;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * The offline store's file format, version 1: the magic {@code RPOFFLN1}, a version, the body's
 * length, the body and its CRC32C. The body holds the document's id, title, the user's role, when
 * it was saved, then the client's id, revision and last sequence number, the confirmed content and
 * the unconfirmed operations. Content and operations are the wire's {@code raftpad.v1.Operation}
 * through {@link OperationCodec} — the one mapping — so rich text keeps its formatting and a file
 * is validated as strictly as a request.
 */
final class SavedDocumentFormat {
  static final int VERSION = 1;
  private static final byte[] MAGIC = "RPOFFLN1".getBytes(StandardCharsets.US_ASCII);
  private static final int SYNCHRONIZED = 0;
  private static final int AWAITING_CONFIRM = 1;
  private static final int AWAITING_WITH_BUFFER = 2;

  private SavedDocumentFormat() {}

  static byte[] encode(SavedDocument saved) {
    try {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      DataOutputStream out = new DataOutputStream(body);
      out.writeUTF(saved.documentId());
      out.writeUTF(saved.title());
      out.writeUTF(saved.role().name());
      out.writeLong(saved.savedAt().toEpochMilli());
      SyncClient.Saved sync = saved.sync();
      out.writeUTF(sync.clientId());
      out.writeLong(sync.revision());
      out.writeLong(sync.lastSeq());
      operation(out, sync.confirmed().asOperation());
      switch (sync.state()) {
        case SyncState.Synchronized s -> out.writeByte(SYNCHRONIZED);
        case SyncState.AwaitingConfirm a -> {
          out.writeByte(AWAITING_CONFIRM);
          out.writeLong(a.seq());
          out.writeLong(a.baseRevision());
          operation(out, a.inFlight());
          operation(out, a.sent());
        }
        case SyncState.AwaitingWithBuffer b -> {
          out.writeByte(AWAITING_WITH_BUFFER);
          out.writeLong(b.seq());
          out.writeLong(b.baseRevision());
          operation(out, b.inFlight());
          operation(out, b.sent());
          operation(out, b.buffer());
        }
      }
      out.flush();
      byte[] bytes = body.toByteArray();
      ByteArrayOutputStream file = new ByteArrayOutputStream(bytes.length + 24);
      DataOutputStream framed = new DataOutputStream(file);
      framed.write(MAGIC);
      framed.writeInt(VERSION);
      framed.writeInt(bytes.length);
      framed.write(bytes);
      framed.writeInt(crc(bytes));
      framed.flush();
      return file.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in memory: cannot happen
    }
  }

  /**
   * @throws DamagedCopyException naming what is wrong: not this format, a newer version, a torn or
   *     corrupted file, or content that does not validate
   */
  static SavedDocument decode(byte[] file) throws DamagedCopyException {
    try {
      DataInputStream framed = new DataInputStream(new ByteArrayInputStream(file));
      byte[] magic = new byte[MAGIC.length];
      framed.readFully(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new DamagedCopyException("not a Raftpad offline copy");
      }
      int version = framed.readInt();
      if (version != VERSION) {
        throw new DamagedCopyException(
            "format version " + version + " (this Raftpad reads " + VERSION + ")");
      }
      int length = framed.readInt();
      if (length < 0 || length > file.length) {
        throw new DamagedCopyException("cut short");
      }
      byte[] bytes = new byte[length];
      framed.readFully(bytes);
      if (framed.readInt() != crc(bytes)) {
        throw new DamagedCopyException("checksum mismatch");
      }
      DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
      String documentId = in.readUTF();
      String title = in.readUTF();
      DocumentRole role = DocumentRole.valueOf(in.readUTF());
      Instant savedAt = Instant.ofEpochMilli(in.readLong());
      String clientId = in.readUTF();
      long revision = in.readLong();
      long lastSeq = in.readLong();
      Document confirmed = Document.fromContent(operation(in, "confirmed"));
      SyncState state =
          switch (in.readByte()) {
            case SYNCHRONIZED -> new SyncState.Synchronized();
            case AWAITING_CONFIRM -> {
              long seq = in.readLong();
              long base = in.readLong();
              yield new SyncState.AwaitingConfirm(
                  operation(in, "in_flight"), seq, base, operation(in, "sent"));
            }
            case AWAITING_WITH_BUFFER -> {
              long seq = in.readLong();
              long base = in.readLong();
              Operation inFlight = operation(in, "in_flight");
              Operation sent = operation(in, "sent");
              yield new SyncState.AwaitingWithBuffer(
                  inFlight, seq, base, sent, operation(in, "buffer"));
            }
            default -> throw new DamagedCopyException("unknown editing state");
          };
      SyncClient.Saved sync = new SyncClient.Saved(clientId, confirmed, revision, lastSeq, state);
      var unused = sync.local(); // the edits must fit the content
      return new SavedDocument(documentId, title, role, savedAt, sync);
    } catch (EOFException e) {
      throw new DamagedCopyException("cut short");
    } catch (IOException | IllegalArgumentException | InvalidInputException e) {
      throw new DamagedCopyException(e.getMessage());
    }
  }

  private static void operation(DataOutputStream out, Operation operation) throws IOException {
    byte[] bytes = OperationCodec.toWire(operation).toByteArray();
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static Operation operation(DataInputStream in, String field) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new DamagedCopyException(field + " cut short");
    }
    byte[] bytes = new byte[length];
    in.readFully(bytes);
    return OperationCodec.fromWire(dev.raftpad.proto.v1.Operation.parseFrom(bytes), field);
  }

  private static int crc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }
}
