package dev.raftpad.server.backup;

import dev.raftpad.server.HostPort;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code raftpad-server restore FILE ...}: seeds one node of a new cluster from a backup file.
 * Options share their names with the node's, so the node's {@code --config} file can give them; but
 * the cluster id must differ from the backup's unless {@code --same-cluster-id} says otherwise.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Seeds the data dir of one node of a new cluster from a backup file (made by `raftpad"
          + " cluster backup FILE`). Run it for every node of the new cluster, each with its own"
          + " --node-id, --listen and --data-dir and the same --peers list and --cluster-id; then"
          + " start the nodes as usual. The file's checksum is verified first."
    })
public final class RestoreCommand implements Callable<Integer> {
  @Parameters(paramLabel = "FILE", description = "the backup file")
  Path file;

  @Option(names = "--data-dir", description = "the new node's data dir (must be empty or absent)")
  Path dataDir;

  @Option(names = "--node-id", description = "the new node's id")
  String nodeId;

  @Option(
      names = "--cluster-id",
      description =
          "the new cluster's id, the same on every node (must differ from the backup's unless"
              + " --same-cluster-id)")
  String clusterId;

  @Option(
      names = "--same-cluster-id",
      description =
          "keep the backup's cluster id (only once no node of the old cluster can be reached:"
              + " nodes of one id accept each other's messages)")
  boolean sameClusterId;

  @Option(
      names = "--listen",
      description = "host:port the new node serves on, as it will be started")
  String listen;

  @Option(
      names = {"--peer", "--peers"},
      split = ",",
      description =
          "every other member of the new cluster as id=host:port (repeat or comma-separate)")
  List<String> peers = List.of();

  @Option(names = "--config", description = "the node's config file (its keys give these options)")
  Path config;

  @Override
  public Integer call() throws BadBackupException {
    require(dataDir, "--data-dir");
    require(nodeId, "--node-id");
    require(listen, "--listen");
    BackupFile backup = BackupFile.read(file);
    String backupCluster = backup.header().clusterId();
    String newCluster = clusterId;
    if (sameClusterId) {
      if (newCluster != null && !newCluster.equals(backupCluster)) {
        throw new IllegalArgumentException(
            "--same-cluster-id keeps '" + backupCluster + "'; --cluster-id says " + newCluster);
      }
      newCluster = backupCluster;
    } else if (newCluster == null || newCluster.equals(backupCluster)) {
      throw new IllegalArgumentException(
          "the backup is of cluster '"
              + backupCluster
              + "': give the restored cluster a new --cluster-id (or --same-cluster-id, once no"
              + " node of '"
              + backupCluster
              + "' runs)");
    }
    Map<String, String> members = new LinkedHashMap<>();
    HostPort.parse(listen);
    members.put(nodeId, listen);
    for (String peer : peers) {
      int eq = peer.indexOf('=');
      if (eq <= 0) {
        throw new IllegalArgumentException("--peer expects id=host:port but got '" + peer + "'");
      }
      HostPort.parse(peer.substring(eq + 1));
      members.put(peer.substring(0, eq), peer.substring(eq + 1));
    }
    Restore.into(new Restore.Target(dataDir, nodeId, newCluster, members), backup);
    BackupHeader header = backup.header();
    System.out.printf(
        "restored node %s of cluster %s into %s from %s (cluster %s at index %d, taken %s);"
            + " members %s. Start it with --cluster-id %s.%n",
        nodeId,
        newCluster,
        dataDir,
        file,
        backupCluster,
        header.index(),
        header.createdAt(),
        members.keySet(),
        newCluster);
    return 0;
  }

  private static void require(Object value, String option) {
    if (value == null) {
      throw new IllegalArgumentException("restore needs " + option);
    }
  }
}
