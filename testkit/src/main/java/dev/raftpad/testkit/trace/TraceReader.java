package dev.raftpad.testkit.trace;

import dev.raftpad.testkit.trace.EditingTrace.Concurrent;
import dev.raftpad.testkit.trace.EditingTrace.ConcurrentTransaction;
import dev.raftpad.testkit.trace.EditingTrace.Patch;
import dev.raftpad.testkit.trace.EditingTrace.Sequential;
import dev.raftpad.testkit.trace.EditingTrace.Transaction;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Reads an editing trace file, gzipped or not, sequential or concurrent. */
public final class TraceReader {
  private TraceReader() {}

  /**
   * Reads a trace.
   *
   * @throws IOException when the file cannot be read
   * @throws IllegalArgumentException when it is not a trace in the documented format
   */
  public static EditingTrace read(Path file) throws IOException {
    String json;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
      in.mark(2);
      boolean gzipped = in.read() == 0x1f && in.read() == 0x8b;
      in.reset();
      try (InputStream body = gzipped ? new GZIPInputStream(in, 1 << 16) : in) {
        json = new String(body.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    String name = file.getFileName().toString().replaceFirst("(\\.json)?(\\.gz)?$", "");
    return parse(name, json);
  }

  /** Parses a trace from its JSON text. */
  public static EditingTrace parse(String name, String json) {
    Map<String, Object> root = object(Json.parse(json), "trace");
    String endContent = string(root.get("endContent"), "endContent");
    List<Object> txns = list(root.get("txns"), "txns");
    if ("concurrent".equals(root.get("kind"))) {
      List<ConcurrentTransaction> transactions = new ArrayList<>(txns.size());
      for (Object txn : txns) {
        Map<String, Object> t = object(txn, "txn");
        List<Integer> parents = new ArrayList<>();
        for (Object parent : list(t.get("parents"), "parents")) {
          parents.add(integer(parent, "parent"));
        }
        transactions.add(
            new ConcurrentTransaction(
                List.copyOf(parents), integer(t.get("agent"), "agent"), time(t), patches(t)));
      }
      return new Concurrent(
          name, endContent, integer(root.get("numAgents"), "numAgents"), transactions);
    }
    List<Transaction> transactions = new ArrayList<>(txns.size());
    for (Object txn : txns) {
      Map<String, Object> t = object(txn, "txn");
      transactions.add(new Transaction(time(t), patches(t)));
    }
    Object start = root.get("startContent");
    return new Sequential(
        name, start == null ? "" : string(start, "startContent"), endContent, transactions);
  }

  private static List<Patch> patches(Map<String, Object> txn) {
    List<Patch> patches = new ArrayList<>();
    for (Object p : list(txn.get("patches"), "patches")) {
      List<Object> patch = list(p, "patch");
      if (patch.size() != 3) {
        throw new IllegalArgumentException("a patch is [pos, numDeleted, inserted]: " + patch);
      }
      patches.add(
          new Patch(
              integer(patch.get(0), "pos"),
              integer(patch.get(1), "numDeleted"),
              string(patch.get(2), "inserted")));
    }
    return List.copyOf(patches);
  }

  private static Instant time(Map<String, Object> txn) {
    if (!(txn.get("time") instanceof String time)) {
      return Instant.EPOCH;
    }
    try {
      return OffsetDateTime.parse(time).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.parse(time);
    }
  }

  @SuppressWarnings("unchecked") // JSON objects are parsed into Map<String, Object>
  private static Map<String, Object> object(Object value, String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw new IllegalArgumentException(what + " must be a JSON object");
  }

  @SuppressWarnings("unchecked") // JSON arrays are parsed into List<Object>
  private static List<Object> list(Object value, String what) {
    if (value instanceof List<?> list) {
      return (List<Object>) list;
    }
    throw new IllegalArgumentException(what + " must be a JSON array");
  }

  private static String string(Object value, String what) {
    if (value instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(what + " must be a string");
  }

  private static int integer(Object value, String what) {
    if (value instanceof Long l && l >= 0 && l <= Integer.MAX_VALUE) {
      return l.intValue();
    }
    throw new IllegalArgumentException(what + " must be a non-negative integer");
  }
}
