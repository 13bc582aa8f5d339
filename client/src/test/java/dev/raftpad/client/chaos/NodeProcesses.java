package dev.raftpad.client.chaos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Server nodes as real processes: {@code java -cp <this test's class path>
 * dev.raftpad.server.ServerNodeMain}, each with its own port, data dir and log file. Killed with
 * SIGKILL ({@link Process#destroyForcibly}) and restarted on the same data dir.
 */
final class NodeProcesses implements AutoCloseable {
  private final Path root;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Process> running = new LinkedHashMap<>();

  NodeProcesses(Path root, List<String> ids) throws IOException {
    this.root = root;
    for (String id : ids) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ports.put(id, socket.getLocalPort());
      }
    }
  }

  String address(String id) {
    return "127.0.0.1:" + ports.get(id);
  }

  List<String> ids() {
    return List.copyOf(ports.keySet());
  }

  String seeds() {
    return String.join(",", ports.keySet().stream().map(this::address).toList());
  }

  synchronized void start(String id) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(
        List.of(
            "-Xmx256m",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-Xshare:auto",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.raftpad.server.ServerNodeMain",
            "--node-id",
            id,
            "--cluster-id",
            "chaos",
            "--secret",
            "a-chaos-cluster-secret",
            "--listen",
            address(id),
            "--data-dir",
            root.resolve(id).toString(),
            "--tick-ms",
            "20",
            // Compact often, so a follower that is down for a few seconds must catch up from a
            // snapshot (InstallSnapshot), and the kill during its catch-up hits an install.
            "--snapshot-every",
            "300"));
    for (String peer : ports.keySet()) {
      if (!peer.equals(id)) {
        command.add("--peer");
        command.add(peer + "=" + address(peer));
      }
    }
    Path log = root.resolve(id + ".log");
    running.put(
        id,
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start());
  }

  /** kill -9, and wait until the process is gone. */
  synchronized void kill(String id) throws InterruptedException {
    Process process = running.remove(id);
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  synchronized boolean isRunning(String id) {
    Process process = running.get(id);
    return process != null && process.isAlive();
  }

  /** The last lines of a node's log, for a failure report. */
  String logTail(String id, int lines) {
    try {
      List<String> all = Files.readAllLines(root.resolve(id + ".log"), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public synchronized void close() throws InterruptedException {
    for (Process process : running.values()) {
      process.destroyForcibly();
    }
    for (Process process : running.values()) {
      process.waitFor(30, TimeUnit.SECONDS);
    }
    running.clear();
  }
}
