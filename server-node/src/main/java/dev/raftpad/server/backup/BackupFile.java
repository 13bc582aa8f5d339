package dev.raftpad.server.backup;

import dev.raftpad.raft.core.Membership;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The backup file: the one place its layout is written and read. A text header (so {@code head}
 * shows what a file holds), the state exactly as the state machine encodes a snapshot, and a
 * SHA-256 over everything before it:
 *
 * <pre>
 * RAFTPAD-BACKUP 1
 * cluster.id=prod
 * index=48211
 * term=7
 * voters=n1,n2,n3
 * learners=
 * created=2026-12-06T17:52:03.114Z
 * state.bytes=1048733
 *
 * &lt;state.bytes bytes: a StateSnapshot of commands.proto, with its own format_version&gt;
 * sha256=&lt;64 hex digits: SHA-256 of every byte before the newline that starts this line&gt;
 * </pre>
 *
 * The state carries its own {@code format_version} (ADR 0008), so the file's version (the number
 * after the magic) changes only when this layout does.
 */
public final class BackupFile {
  /** The layout this code writes, and the newest it reads. */
  public static final int FORMAT_VERSION = 1;

  private static final String MAGIC = "RAFTPAD-BACKUP ";
  private static final int MAX_HEADER_BYTES = 64 * 1024;

  /** On a line of its own after the state (which need not end with a newline). */
  private static final String TRAILER_KEY = "\nsha256=";

  private static final int TRAILER_BYTES = TRAILER_KEY.length() + 64 + 1;

  private final BackupHeader header;
  private final byte[] state;

  /**
   * @param state the state machine's snapshot bytes; not copied, so do not change them
   */
  public BackupFile(BackupHeader header, byte[] state) {
    if (state.length != header.stateBytes()) {
      throw new IllegalArgumentException("the header's state size differs from the state's");
    }
    this.header = header;
    this.state = state;
  }

  public BackupHeader header() {
    return header;
  }

  /** The state machine's snapshot bytes; do not modify. */
  public byte[] state() {
    return state;
  }

  /** The file's bytes. */
  public byte[] toBytes() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("cluster.id", header.clusterId());
    fields.put("index", Long.toString(header.index()));
    fields.put("term", Long.toString(header.term()));
    fields.put("voters", String.join(",", header.membership().voters()));
    fields.put("learners", String.join(",", header.membership().learners()));
    fields.put("created", header.createdAt().toString());
    fields.put("state.bytes", Long.toString(header.stateBytes()));
    StringBuilder text = new StringBuilder(MAGIC).append(FORMAT_VERSION).append('\n');
    fields.forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
    text.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream(state.length + 512);
    out.writeBytes(text.toString().getBytes(StandardCharsets.UTF_8));
    out.writeBytes(state);
    byte[] digest = sha256(out.toByteArray(), out.size());
    out.writeBytes(
        (TRAILER_KEY + HexFormat.of().formatHex(digest) + "\n").getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Reads and checks a backup file: magic and version, header, length, checksum.
   *
   * @throws BadBackupException in one line, if it is not a backup this code reads, is truncated or
   *     is damaged
   */
  public static BackupFile read(Path file) throws BadBackupException {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new BadBackupException("no backup file " + file, e);
    } catch (IOException e) {
      throw new BadBackupException("cannot read " + file + ": " + e.getMessage(), e);
    }
    return parse(bytes, file.toString());
  }

  static BackupFile parse(byte[] bytes, String name) throws BadBackupException {
    byte[] magic = MAGIC.getBytes(StandardCharsets.US_ASCII);
    if (bytes.length < magic.length
        || !Arrays.equals(bytes, 0, magic.length, magic, 0, magic.length)) {
      throw new BadBackupException(name + " is not a Raftpad backup file");
    }
    int headerEnd = headerEnd(bytes);
    if (headerEnd < 0) {
      throw new BadBackupException(
          name + " is truncated or damaged: its header does not end within the first 64 KiB");
    }
    List<String> lines =
        List.of(new String(bytes, 0, headerEnd, StandardCharsets.UTF_8).split("\n", -1));
    String version = lines.getFirst().substring(MAGIC.length());
    if (!version.equals(Integer.toString(FORMAT_VERSION))) {
      throw new BadBackupException(
          name
              + " is in backup format "
              + version
              + "; this server reads format "
              + FORMAT_VERSION
              + ". Restore it with the release that wrote it, or a newer one.");
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        throw new BadBackupException(name + " is damaged: header line '" + line + "'");
      }
      fields.put(line.substring(0, eq), line.substring(eq + 1));
    }
    BackupHeader header = header(fields, name);
    long stateStart = headerEnd + 2L; // after the blank line
    long expected = stateStart + header.stateBytes() + TRAILER_BYTES;
    if (bytes.length < expected) {
      throw new BadBackupException(
          name
              + " is truncated: "
              + bytes.length
              + " bytes of "
              + expected
              + " (copy it again from where the backup was written)");
    }
    if (bytes.length > expected) {
      throw new BadBackupException(
          name + " is damaged: " + (bytes.length - expected) + " bytes after its end");
    }
    int trailer = (int) (stateStart + header.stateBytes());
    String written = new String(bytes, trailer, TRAILER_BYTES, StandardCharsets.US_ASCII);
    String computed = TRAILER_KEY + HexFormat.of().formatHex(sha256(bytes, trailer)) + "\n";
    if (!written.equals(computed)) {
      throw new BadBackupException(
          name + " is damaged: its SHA-256 checksum does not match its content");
    }
    return new BackupFile(header, Arrays.copyOfRange(bytes, (int) stateStart, trailer));
  }

  /** Where the blank line that ends the header starts (the index of its first newline), or -1. */
  private static int headerEnd(byte[] bytes) {
    int limit = Math.min(bytes.length - 1, MAX_HEADER_BYTES);
    for (int i = 0; i < limit; i++) {
      if (bytes[i] == '\n' && bytes[i + 1] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static BackupHeader header(Map<String, String> fields, String name)
      throws BadBackupException {
    try {
      return new BackupHeader(
          required(fields, "cluster.id", name),
          Long.parseLong(required(fields, "index", name)),
          Long.parseLong(required(fields, "term", name)),
          new Membership(
              ids(required(fields, "voters", name)), ids(required(fields, "learners", name))),
          Instant.parse(required(fields, "created", name)),
          Long.parseLong(required(fields, "state.bytes", name)));
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new BadBackupException(name + " is damaged: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new BadBackupException(name + " is damaged: " + e.getMessage(), e);
    }
  }

  private static String required(Map<String, String> fields, String key, String name)
      throws BadBackupException {
    String value = fields.get(key);
    if (value == null) {
      throw new BadBackupException(name + " is damaged: its header has no " + key);
    }
    return value;
  }

  private static Set<String> ids(String list) {
    Set<String> ids = new TreeSet<>();
    for (String id : list.split(",", -1)) {
      if (!id.isBlank()) {
        ids.add(id.strip());
      }
    }
    return ids;
  }

  static byte[] sha256(byte[] bytes, int length) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(bytes, 0, length);
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
