package dev.raftpad.testkit.process;

import dev.raftpad.tls.LocalCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Server nodes as real processes: {@code java -cp <this JVM's class path, which must hold
 * server-node> dev.raftpad.server.ServerNodeMain}, each with its own port, data dir and log file.
 * Killed with SIGKILL ({@link Process#destroyForcibly}) and restarted on the same data dir. Every
 * run has a cluster secret of its own, passed explicitly: servers refuse to start without one. And
 * every run has a CA and node certificates of its own, made as {@code ./raftpad up} makes them
 * ({@link LocalCertificates} in {@code ROOT/tls}): the nodes run with TLS, as in production.
 */
public final class NodeProcesses implements AutoCloseable {
  /**
   * How the processes run.
   *
   * @param jvmOptions options of the {@code java} command
   * @param nodeOptions options of {@code ServerNodeMain} besides identity, addresses and secret
   */
  public record Settings(List<String> jvmOptions, List<String> nodeOptions) {
    public Settings {
      jvmOptions = List.copyOf(jvmOptions);
      nodeOptions = List.copyOf(nodeOptions);
    }
  }

  /** The chaos test's: a fast tick, and frequent snapshots. */
  public static final Settings CHAOS =
      new Settings(
          List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto"),
          List.of(
              "--tick-ms",
              "20",
              // Compact often, so a follower that is down for a few seconds must catch up from a
              // snapshot (InstallSnapshot), and the kill during its catch-up hits an install.
              "--snapshot-every",
              "300"));

  private final Path root;
  private final Settings settings;
  private final String secret = randomSecret();
  private final LocalCertificates certificates;
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private boolean plaintext;
  private String clusterId = "chaos";

  public NodeProcesses(Path root, List<String> ids) throws IOException {
    this(root, ids, CHAOS);
  }

  public NodeProcesses(Path root, List<String> ids, Settings settings) throws IOException {
    this.root = root;
    this.settings = settings;
    for (String id : ids) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        ports.put(id, socket.getLocalPort());
      }
    }
    this.certificates = new LocalCertificates(root.resolve("tls"));
    certificates.ensure(ids, List.of(), false);
  }

  /** Nodes started from now on run with {@code --insecure} instead of their certificates. */
  public NodeProcesses plaintext() {
    this.plaintext = true;
    return this;
  }

  /** Nodes started from now on have {@code name=value} in their environment. */
  public NodeProcesses environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** The cluster id the nodes are started (and restored) with; "chaos" unless set. */
  public NodeProcesses clusterId(String id) {
    this.clusterId = id;
    return this;
  }

  /** The run's certificate directory (CA and node certificates). */
  public LocalCertificates certificates() {
    return certificates;
  }

  /** The run's CA certificate, which clients trust. */
  public Path caFile() {
    return certificates.caCertificate();
  }

  public String address(String id) {
    return "127.0.0.1:" + ports.get(id);
  }

  public List<String> ids() {
    return List.copyOf(ports.keySet());
  }

  public String seeds() {
    return String.join(",", ports.keySet().stream().map(this::address).toList());
  }

  public synchronized void start(String id) throws IOException {
    start(id, System.getProperty("java.class.path"));
  }

  /**
   * Starts node {@code id} from another build's {@code classPath} (say, the previous release's, for
   * an upgrade test: {@link PreviousRelease}) with this run's settings, secret and certificates.
   */
  public synchronized void start(String id, String classPath) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.jvmOptions());
    command.addAll(
        List.of(
            "-cp",
            classPath,
            "dev.raftpad.server.ServerNodeMain",
            "--node-id",
            id,
            "--cluster-id",
            clusterId,
            "--secret",
            secret,
            "--listen",
            address(id),
            "--data-dir",
            root.resolve(id).toString()));
    command.addAll(
        plaintext
            ? List.of("--insecure")
            : List.of(
                "--tls-cert",
                certificates.certificate(id).toString(),
                "--tls-key",
                certificates.key(id).toString(),
                "--tls-ca",
                certificates.caCertificate().toString()));
    // No metrics endpoint: its default port (gRPC port + 1000) could be another node's random port.
    command.addAll(List.of("--metrics-address", "off"));
    command.addAll(settings.nodeOptions());
    command.addAll(peerOptions(id));
    Path log = root.resolve(id + ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    running.put(id, builder.start());
  }

  /** What a finished command printed and how it exited. */
  public record Finished(int exitCode, String output) {}

  /**
   * Runs {@code raftpad-server restore BACKUP} for node {@code id} as its own process, as an
   * operator would: the node's data dir, id, address and the other members of this run, with this
   * run's cluster id. Waits for it to finish.
   */
  public Finished restore(String id, Path backup) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.jvmOptions());
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.raftpad.server.ServerNodeMain",
            "restore",
            backup.toString(),
            "--node-id",
            id,
            "--cluster-id",
            clusterId,
            "--listen",
            address(id),
            "--data-dir",
            root.resolve(id).toString()));
    command.addAll(peerOptions(id));
    return run(command);
  }

  /**
   * Runs {@code ServerNodeMain} with {@code arguments} (e.g. on a data dir of node {@code id} that
   * should be refused) as its own process with this run's JVM options, and waits for it to end.
   */
  public Finished runNodeMain(List<String> arguments) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(settings.jvmOptions());
    command.addAll(
        List.of("-cp", System.getProperty("java.class.path"), "dev.raftpad.server.ServerNodeMain"));
    command.addAll(arguments);
    return run(command);
  }

  private static Finished run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes(); // until the process closes it
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      throw new IOException("timed out: " + command);
    }
    return new Finished(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }

  /** The data dir of node {@code id}. */
  public Path dataDir(String id) {
    return root.resolve(id);
  }

  private List<String> peerOptions(String id) {
    List<String> options = new ArrayList<>();
    for (String peer : ports.keySet()) {
      if (!peer.equals(id)) {
        options.add("--peer");
        options.add(peer + "=" + address(peer));
      }
    }
    return options;
  }

  /**
   * Stops a node as systemd does (SIGTERM: a leader hands over first) and waits until it is gone.
   */
  public synchronized void stop(String id) throws InterruptedException {
    Process process = running.remove(id);
    if (process != null) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  /** kill -9, and wait until the process is gone. */
  public synchronized void kill(String id) throws InterruptedException {
    Process process = running.remove(id);
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** The running process of node {@code id} (e.g. to read its CPU time), if it runs. */
  public synchronized Optional<ProcessHandle> handle(String id) {
    Process process = running.get(id);
    return process != null && process.isAlive()
        ? Optional.of(process.toHandle())
        : Optional.empty();
  }

  public synchronized boolean isRunning(String id) {
    Process process = running.get(id);
    return process != null && process.isAlive();
  }

  /** A node's whole log so far. */
  public String log(String id) {
    try {
      return Files.readString(root.resolve(id + ".log"), StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The last lines of a node's log, for a failure report. */
  public String logTail(String id, int lines) {
    try {
      List<String> all = Files.readAllLines(root.resolve(id + ".log"), StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static String randomSecret() {
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
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
