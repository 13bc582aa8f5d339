package dev.raftpad.raft.sim;

import dev.raftpad.raft.core.SnapshotMeta;
import dev.raftpad.raft.spi.StateMachine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** The simulated key-value store: write and compare-and-set through the log, reads by ReadIndex. */
final class KvStateMachine implements StateMachine<String> {
  private final TreeMap<String, String> values = new TreeMap<>();
  private final BiConsumer<Long, KvCommand> onApply;

  KvStateMachine(BiConsumer<Long, KvCommand> onApply) {
    this.onApply = onApply;
  }

  String get(String key) {
    return values.getOrDefault(key, "");
  }

  Map<String, String> contents() {
    return Map.copyOf(values);
  }

  @Override
  public String apply(long index, byte[] data) {
    KvCommand command = KvCommand.decode(data);
    onApply.accept(index, command);
    return switch (command.kind()) {
      case WRITE -> {
        values.put(command.key(), command.value());
        yield "ok";
      }
      case CAS -> {
        boolean swaps = get(command.key()).equals(command.expected());
        if (swaps) {
          values.put(command.key(), command.value());
        }
        yield String.valueOf(swaps);
      }
      case READ -> get(command.key());
    };
  }

  @Override
  public Image snapshot() {
    // Captured now, encoded later (on another thread in the threaded runtime).
    var captured = new java.util.LinkedHashMap<>(values);
    return () -> encode(captured);
  }

  private static byte[] encode(java.util.Map<String, String> values) {
    var bytes = new ByteArrayOutputStream();
    try (var out = new DataOutputStream(bytes)) {
      out.writeInt(values.size());
      for (var e : values.entrySet()) {
        out.writeUTF(e.getKey());
        out.writeUTF(e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  @Override
  public void restore(SnapshotMeta meta, byte[] data) {
    values.clear();
    try (var in = new DataInputStream(new ByteArrayInputStream(data))) {
      int n = in.readInt();
      for (int i = 0; i < n; i++) {
        values.put(in.readUTF(), in.readUTF());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
