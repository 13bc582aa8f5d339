package dev.raftpad.raft.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Who a data directory belongs to: a stable node id and the id of the cluster it joined, kept in
 * {@code identity} inside the data dir. A node is its data dir, not its address: a node that moves
 * to another address keeps its id, and a wiped disk is a new node. Starting a data dir under
 * another node id or cluster id is refused, so a misconfigured node cannot impersonate another
 * member or carry one cluster's log into another.
 */
public record NodeIdentity(String nodeId, String clusterId) {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
  static final String FILE = "identity";

  public NodeIdentity {
    requireId("node id", nodeId);
    requireId("cluster id", clusterId);
  }

  private static void requireId(String what, String value) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new IllegalArgumentException(
          what + " '" + value + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
  }

  /**
   * Returns the identity stored in {@code dataDir}, writing {@code expected} there first if the
   * directory is new.
   *
   * @throws IOException if the directory belongs to another node or cluster, or its identity file
   *     is damaged
   */
  public static NodeIdentity loadOrCreate(Path dataDir, NodeIdentity expected) throws IOException {
    PrivateFiles.createDirectories(dataDir);
    Path file = dataDir.resolve(FILE);
    if (!Files.exists(file)) {
      Properties properties = new Properties();
      properties.setProperty("node.id", expected.nodeId());
      properties.setProperty("cluster.id", expected.clusterId());
      var text = new java.io.StringWriter();
      properties.store(text, "Raftpad node identity: do not edit; a wiped data dir is a new node");
      AtomicFiles.replace(
          file,
          new Fsync(new FsyncHistogram()),
          ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
      return expected;
    }
    Properties properties = new Properties();
    try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    NodeIdentity stored;
    try {
      stored =
          new NodeIdentity(properties.getProperty("node.id"), properties.getProperty("cluster.id"));
    } catch (IllegalArgumentException e) {
      throw new IOException("damaged identity file " + file + ": " + e.getMessage(), e);
    }
    if (!stored.equals(expected)) {
      throw new IOException(
          "data dir "
              + dataDir
              + " belongs to node '"
              + stored.nodeId()
              + "' of cluster '"
              + stored.clusterId()
              + "', not node '"
              + expected.nodeId()
              + "' of cluster '"
              + expected.clusterId()
              + "'");
    }
    return stored;
  }
}
