package dev.raftpad.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.ClusterStatus;
import dev.raftpad.proto.v1.GetDocumentResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server tarball as an operator uses it: unpacked with tar, a 3-node cluster started with its
 * own bin/raftpad-server (real processes), reached by its bin/raftpad CLI and by gRPC; a document
 * survives a kill -9 of the leader and the killed node's restart, and the restarted node serves it
 * while another node is down (so it holds the data itself).
 */
class ServerTarballIT {
  private static final List<String> NODES = List.of("n1", "n2", "n3");

  @TempDir Path work;

  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, Integer> ports = new LinkedHashMap<>();
  private Path dist;

  @AfterEach
  void stopEverything() throws InterruptedException {
    for (Process process : running.values()) {
      process.destroyForcibly();
    }
    for (Process process : running.values()) {
      process.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  @Timeout(value = 4, unit = TimeUnit.MINUTES)
  void unpackedTarballRunsAClusterThatSurvivesKillMinus9() throws Exception {
    unpack();
    for (String node : NODES) {
      ports.put(node, Commands.freePort());
    }
    // The certificates, as the operator guide says: a CA and node certificates from the tarball.
    Commands.Result certs =
        Commands.run(
            work,
            Map.of("JAVA_HOME", Commands.javaHome()),
            60,
            List.of(
                dist.resolve("bin/raftpad-server").toString(),
                "new-certs",
                tls().toString(),
                "--name",
                String.join(",", NODES)));
    assertThat(certs.exitCode()).as(certs.toString()).isZero();
    for (String node : NODES) {
      start(node);
    }
    List<String> addresses = NODES.stream().map(this::address).toList();

    // The CLI of the tarball reaches every node.
    Commands.await("bin/raftpad ping to succeed", 60, () -> ping(addresses).exitCode() == 0);
    assertThat(ping(addresses).output()).contains(address("n1") + " SERVING");

    // A newcomer's session through the tarball's CLI: register, log in, create, edit, read.
    Path password = work.resolve("password.txt");
    Files.writeString(password, "a-long-operator-password\n");
    assertThat(cli(addresses, password, "register", "operator", "--password-stdin").output())
        .contains("registered operator (admin)");
    assertThat(cli(addresses, password, "login", "operator", "--password-stdin").output())
        .contains("signed in as operator");
    Commands.Result created =
        cli(addresses, null, "--json", "docs", "create", "Notes", "--text", "first line\n");
    assertThat(created.exitCode()).as(created.toString()).isZero();
    String notes =
        com.google.gson.JsonParser.parseString(created.output().strip())
            .getAsJsonObject()
            .get("id")
            .getAsString();
    // Revision 1 is the initial text; the append is revision 2.
    assertThat(cli(addresses, null, "docs", "edit", notes, "--append", "second line").output())
        .contains("saved as revision 2");
    assertThat(cli(addresses, null, "docs", "show", notes).output())
        .isEqualTo("first line\nsecond line\n");

    try (CollabCalls calls = new CollabCalls(addresses, tls().resolve("ca.pem"))) {
      calls.registerAndLogIn("alice", "correct horse battery");
      String doc = calls.createDocument("Survivor");
      String client = UUID.randomUUID().toString();
      assertThat(calls.insert(doc, client, 1, 0, 0, "Hello")).isEqualTo(1);
      assertThat(calls.insert(doc, client, 2, 1, 5, " world")).isEqualTo(2);

      // kill -9 the leader; the other two elect a new one and accept an edit.
      ClusterStatus before = calls.clusterStatus();
      String killed = before.getLeaderId();
      assertThat(killed).isIn(NODES);
      kill9(killed);
      assertThat(calls.insert(doc, client, 3, 2, 11, "!")).isEqualTo(3);
      assertThat(calls.clusterStatus().getLeaderId()).isNotEqualTo(killed).isNotEmpty();

      // The killed node restarts from its data dir, and catches up.
      start(killed);
      Commands.await(
          killed + " to serve the document at revision 3",
          60,
          () -> revisionOn(calls, address(killed), doc) == 3);

      // Another node goes down: the restarted node is now needed for every quorum, and serves
      // the document from its own state.
      String other = NODES.stream().filter(n -> !n.equals(killed)).findFirst().orElseThrow();
      kill9(other);
      assertThat(calls.insert(doc, client, 4, 3, 12, " Again.")).isEqualTo(4);
      GetDocumentResponse after = calls.documentOn(address(killed), doc);
      assertThat(after.getRevision()).isEqualTo(4);
      assertThat(CollabCalls.text(after)).isEqualTo("Hello world! Again.");
    }
    // The CLI finds the surviving leader by itself and the document made through it is intact.
    assertThat(cli(addresses, null, "docs", "show", notes).output())
        .isEqualTo("first line\nsecond line\n");
  }

  /** Runs the tarball's CLI against the cluster with its own home (session) folder. */
  private Commands.Result cli(List<String> addresses, Path stdin, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(dist.resolve("bin/raftpad").toString());
    command.addAll(List.of("--servers", String.join(",", addresses)));
    command.addAll(List.of("--ca", tls().resolve("ca.pem").toString()));
    command.addAll(List.of(args));
    return Commands.run(
        work,
        Map.of(
            "JAVA_HOME",
            Commands.javaHome(),
            "RAFTPAD_HOME",
            work.resolve("cli-home").toString(),
            "XDG_CACHE_HOME", // the CLI's class-data archive stays in the test's folder
            work.resolve("cli-cache").toString(),
            "RAFTPAD_CLI_JAVA_OPTS",
            "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"),
        60,
        command,
        stdin == null ? Path.of("/dev/null") : stdin);
  }

  /** Every shipped example config names only options the server knows. */
  @Test
  void theExampleConfigsAreAcceptedByTheServer() throws Exception {
    unpack();
    for (String node : NODES) {
      Path example = dist.resolve("conf/examples/" + node + ".properties");
      Commands.Result help =
          Commands.run(
              work,
              Map.of("JAVA_HOME", Commands.javaHome()),
              60,
              List.of(
                  dist.resolve("bin/raftpad-server").toString(),
                  "--config",
                  example.toString(),
                  "--help"));
      assertThat(help.exitCode()).as(help.toString()).isZero();
      assertThat(help.output()).contains("--config");
    }
  }

  /** The launch scripts refuse a JDK older than 21 with one clear line. */
  @Test
  void launcherRefusesAnOldJdk() throws Exception {
    unpack();
    Path fakeJdk = work.resolve("jdk17");
    Files.createDirectories(fakeJdk.resolve("bin"));
    Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
    Path fakeJava = fakeJdk.resolve("bin/java");
    Files.writeString(fakeJava, "#!/bin/sh\necho 'openjdk version \"17.0.9\"' >&2\n");
    Files.setPosixFilePermissions(
        fakeJava,
        java.util.EnumSet.of(
            PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_EXECUTE));
    // A PATH with the tools the scripts use, and no other java.
    Path tools = work.resolve("tools");
    Files.createDirectories(tools);
    for (String tool : List.of("dirname", "readlink", "sed", "basename")) {
      Files.createSymbolicLink(tools.resolve(tool), which(tool));
    }
    Map<String, String> environment = new LinkedHashMap<>();
    environment.put("JAVA_HOME", fakeJdk.toString());
    environment.put("PATH", tools.toString());
    Commands.Result result =
        Commands.run(
            work,
            environment,
            30,
            List.of("/bin/bash", dist.resolve("bin/raftpad-server").toString(), "--help"));
    assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
    assertThat(result.output()).contains("needs a JDK >= 21").contains("17");
  }

  private static Path which(String tool) {
    for (String dir : List.of("/usr/bin", "/bin")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError("no " + tool + " in /usr/bin or /bin");
  }

  /** tar xzf the tarball, as an operator would, and checks its layout. */
  private void unpack() throws IOException, InterruptedException {
    Path tarball = Commands.pathProperty("raftpad.tarball");
    Commands.Result tar =
        Commands.run(work, Map.of(), 60, List.of("tar", "xzf", tarball.toString()));
    assertThat(tar.exitCode()).as(tar.toString()).isZero();
    try (Stream<Path> top = Files.list(work)) {
      dist =
          top.filter(p -> p.getFileName().toString().startsWith("raftpad-"))
              .findFirst()
              .orElseThrow();
    }
    for (String script : List.of("raftpad-server", "raftpad-llm", "raftpad")) {
      assertThat(dist.resolve("bin").resolve(script)).isExecutable();
    }
    assertThat(dist.resolve("conf/examples/n1.properties")).isRegularFile();
    assertThat(dist.resolve("systemd/raftpad-server@.service")).isRegularFile();
    assertThat(dist.resolve("monitoring/grafana-dashboard.json")).isRegularFile();
    assertThat(dist.resolve("monitoring/prometheus.yml")).isRegularFile();
    assertThat(dist.resolve("monitoring/raftpad-alerts.yml")).isRegularFile();
    assertThat(dist.resolve("docs/operator-guide.md")).isRegularFile();
    try (Stream<Path> lib = Files.list(dist.resolve("lib"))) {
      List<String> jars = lib.map(p -> p.getFileName().toString()).toList();
      assertThat(jars).anyMatch(j -> j.startsWith("server-node-"));
      assertThat(jars).anyMatch(j -> j.startsWith("llm-node-"));
      assertThat(jars).anyMatch(j -> j.startsWith("client-"));
      assertThat(jars).noneMatch(j -> j.startsWith("javafx-") || j.startsWith("desktop-app-"));
    }
  }

  /** The cluster's certificate directory. */
  private Path tls() {
    return work.resolve("tls");
  }

  private String address(String node) {
    return "127.0.0.1:" + ports.get(node);
  }

  /** Starts a node as the operator guide says: from a config file like the shipped examples. */
  private void start(String node) throws IOException {
    List<String> peers = new ArrayList<>();
    for (String other : NODES) {
      if (!other.equals(node)) {
        peers.add(other + "=" + address(other));
      }
    }
    Path config = work.resolve(node + ".properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "node-id=" + node,
            "cluster-id=tarball-test",
            "listen=" + address(node),
            "peers=" + String.join(",", peers),
            "data-dir=" + work.resolve("data").resolve(node),
            "tick-ms=100",
            "tls-cert=" + tls().resolve(node + ".pem"),
            "tls-key=" + tls().resolve(node + "-key.pem"),
            "tls-ca=" + tls().resolve("ca.pem"),
            ""));
    List<String> command = new ArrayList<>();
    command.add(dist.resolve("bin/raftpad-server").toString());
    command.addAll(List.of("--config", config.toString()));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(work.resolve(node + ".log").toFile()))
            .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
    builder.environment().put("JAVA_HOME", Commands.javaHome());
    builder.environment().put("RAFTPAD_CLUSTER_SECRET", "tarball-test-secret");
    // Tests need quick starts, not peak speed: C1 only, serial GC.
    builder
        .environment()
        .put("RAFTPAD_SERVER_JAVA_OPTS", "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1");
    running.put(node, builder.start());
  }

  /** SIGKILL to the node's JVM: the launch script exec'd java, so the process is the JVM. */
  private void kill9(String node) throws InterruptedException {
    Process process = running.remove(node);
    assertThat(process.info().command().orElse("")).endsWith("java");
    process.destroyForcibly();
    assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isEqualTo(128 + 9);
  }

  private Commands.Result ping(List<String> addresses) {
    try {
      return Commands.run(
          work,
          Map.of(
              "JAVA_HOME",
              Commands.javaHome(),
              "XDG_CACHE_HOME",
              work.resolve("cli-cache").toString()),
          60,
          List.of(
              dist.resolve("bin/raftpad").toString(),
              "--servers",
              String.join(",", addresses),
              "--ca",
              tls().resolve("ca.pem").toString(),
              "ping",
              "--timeout-ms",
              "3000"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static long revisionOn(CollabCalls calls, String address, String doc) {
    try {
      return calls.documentOn(address, doc).getRevision();
    } catch (io.grpc.StatusRuntimeException e) {
      return -1;
    }
  }
}
