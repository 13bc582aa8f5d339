package dev.raftpad.client.bench;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Collaboration load as users run it: three server processes started as {@code ./raftpad up} starts
 * them (TLS, 100 ms tick, the shipped JVM options unless told otherwise) and the load generator in
 * a process of its own ({@link LoadGeneratorProcess}). Prints one JSON line per run and deletes its
 * data dirs. Asserts nothing.
 *
 * <pre>{@code
 * ./mvnw -q -pl client -am test-compile dependency:build-classpath \
 *     -Dmdep.outputFile=target/bench-cp.txt -Dmdep.includeScope=test
 * java -cp client/target/test-classes:client/target/classes:$(cat client/target/bench-cp.txt) \
 *     dev.raftpad.client.bench.RealProcessLoadBenchmark 50 10 30 sessions
 * }</pre>
 *
 * Arguments: editors, documents, seconds, then any of "sessions" (type through DocumentSessions),
 * "watchers=N", "rate=R" (characters a second per editor), "warmup=S" (default 10),
 * "server-jvm=OPTIONS" (space-separated; default the shipped "-Xms64m -Xmx512m -XX:+UseSerialGC").
 */
public final class RealProcessLoadBenchmark {
  /** The JVM options {@code ./raftpad up} gives a server node. */
  static final String SHIPPED_SERVER_JVM = "-Xms64m -Xmx512m -XX:+UseSerialGC";

  private RealProcessLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    int editors = Integer.parseInt(args[0]);
    int documents = Integer.parseInt(args[1]);
    int seconds = Integer.parseInt(args[2]);
    List<String> flags = Arrays.asList(args).subList(3, args.length);
    boolean sessions = flags.contains("sessions");
    int watchers = Integer.parseInt(flag(flags, "watchers=", "0"));
    double rate = Double.parseDouble(flag(flags, "rate=", "0"));
    int warmUp = Integer.parseInt(flag(flags, "warmup=", "10"));
    String serverJvm = flag(flags, "server-jvm=", SHIPPED_SERVER_JVM);

    Path root = Files.createTempDirectory("raftpad-real-load");
    List<String> ids = List.of("n1", "n2", "n3");
    NodeProcesses.Settings settings =
        new NodeProcesses.Settings(
            List.of(serverJvm.trim().split("\\s+")), List.of("--tick-ms", "100"));
    String password = "load-password";
    try (NodeProcesses nodes = new NodeProcesses(root, ids, settings)) {
      for (String id : ids) {
        nodes.start(id);
      }
      registerOwner(nodes, password);
      Map<String, Object> figures =
          runGenerator(
              nodes, password, editors, documents, warmUp, seconds, sessions, watchers, rate);
      Map<String, Object> line = new LinkedHashMap<>();
      line.put("name", "real-process-load");
      line.put("editors", editors);
      line.put("documents", documents);
      line.put("watchers", watchers);
      line.put("typing_rate", rate);
      line.put("mode", figures.get("mode"));
      line.put("server_jvm", serverJvm);
      line.put("warmup_s", warmUp);
      line.put("seconds", seconds);
      line.put("ops_per_s", figures.get("opsPerSecond"));
      line.put("p50_ms", figures.get("ackP50Millis"));
      line.put("p99_ms", figures.get("ackP99Millis"));
      line.put("max_ms", figures.get("ackMaxMillis"));
      line.put("remote_p50_ms", figures.get("receiptP50Millis"));
      line.put("remote_p99_ms", figures.get("receiptP99Millis"));
      line.put("remote_max_ms", figures.get("receiptMaxMillis"));
      line.put("operations", figures.get("operations"));
      line.put("receipts", figures.get("receipts"));
      line.put("missed", figures.get("missed"));
      line.put("load_avg_1m", loadAverage());
      for (String id : ids) {
        nodes.stop(id); // as systemd stops them (recordings and logs are written out)
      }
      System.out.println(
          new GsonBuilder().serializeSpecialFloatingPointValues().create().toJson(line));
    } finally {
      deleteTree(root);
    }
    System.exit(0);
  }

  /** The first account (the admin), once the cluster has a leader. */
  private static void registerOwner(NodeProcesses nodes, String password) {
    ClientOptions options = ClientOptions.defaults().withTrustedCa(nodes.caFile());
    Await.until(
        "a leader, and the first account registered",
        Duration.ofSeconds(60),
        () -> {
          try (RaftpadClient client =
              RaftpadClient.connect(SeedAddresses.parse(nodes.seeds()), options)) {
            client.register("load", password, "Load");
            return true;
          } catch (RaftpadException e) {
            // Taken: an earlier attempt was applied although its answer was lost.
            return e.reason() == RaftpadException.Reason.USERNAME_TAKEN;
          }
        });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> runGenerator(
      NodeProcesses nodes,
      String password,
      int editors,
      int documents,
      int warmUp,
      int seconds,
      boolean sessions,
      int watchers,
      double rate)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx2g");
    command.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            LoadGeneratorProcess.class.getName(),
            nodes.seeds(),
            nodes.caFile().toString(),
            "load",
            password,
            String.valueOf(editors),
            String.valueOf(documents),
            String.valueOf(warmUp),
            String.valueOf(seconds),
            String.valueOf(sessions),
            String.valueOf(watchers),
            String.valueOf(rate)));
    Process generator =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String output = new String(generator.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (generator.waitFor() != 0) {
      throw new IllegalStateException("the load generator failed: " + output);
    }
    String json = output.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow();
    return new Gson().fromJson(json, Map.class);
  }

  private static double loadAverage() throws IOException {
    try (java.util.Scanner loadavg =
        new java.util.Scanner(Path.of("/proc/loadavg"), StandardCharsets.US_ASCII)) {
      return loadavg.useLocale(java.util.Locale.ROOT).nextDouble();
    }
  }

  private static String flag(List<String> flags, String prefix, String otherwise) {
    return flags.stream()
        .filter(f -> f.startsWith(prefix))
        .map(f -> f.substring(prefix.length()))
        .findFirst()
        .orElse(otherwise);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
