package dev.raftpad.raft.sim;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A command of the simulated key-value store. {@code id} makes every command unique so the
 * simulation can tell entries apart.
 */
public record KvCommand(Kind kind, String key, String value, String expected, long id) {
  /** What the command does. */
  public enum Kind {
    READ,
    WRITE,
    CAS
  }

  public static KvCommand read(String key, long id) {
    return new KvCommand(Kind.READ, key, "", "", id);
  }

  public static KvCommand write(String key, String value, long id) {
    return new KvCommand(Kind.WRITE, key, value, "", id);
  }

  public static KvCommand cas(String key, String expected, String value, long id) {
    return new KvCommand(Kind.CAS, key, value, expected, id);
  }

  public byte[] encode() {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeUTF(kind.name());
      out.writeUTF(key);
      out.writeUTF(value);
      out.writeUTF(expected);
      out.writeLong(id);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static KvCommand decode(byte[] data) {
    try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
      return new KvCommand(
          Kind.valueOf(in.readUTF()), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
