package dev.raftpad.benchmarks.load;

import com.google.gson.Gson;
import dev.raftpad.benchmarks.BenchResult;
import dev.raftpad.benchmarks.TempDir;
import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.bench.LoadGenerator;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Collaboration load as users run it: three server processes started as {@code ./raftpad up} starts
 * them (TLS with a CA of the run, 100 ms tick, the shipped JVM options unless {@code --server-jvm}
 * says otherwise) and the load generator ({@link LoadGenerator}, also {@code raftpad bench load})
 * in a process of its own ({@link LoadGeneratorProcess}). One JSON line per run; the data dirs are
 * deleted and the nodes stopped with SIGTERM at the end (so a {@code -XX:StartFlightRecording} in
 * {@code --server-jvm} leaves a recording per node).
 */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description =
        "Real-process collaboration load: 3 server processes + the load generator in its own"
            + " process; one JSON line (ops/s, ack and remote-receipt percentiles, missed).")
public final class LoadBenchmark implements Callable<Integer> {
  /** The JVM options {@code ./raftpad up} gives a server node (ADR 0020; on JDK 25 here). */
  public static final String SHIPPED_SERVER_JVM = "-Xms64m -Xmx512m -XX:+UseZGC";

  private static final List<String> NODE_IDS = List.of("n1", "n2", "n3");
  private static final String GENERATOR = "generator";
  private static final String OWNER = "load";
  private static final String PASSWORD = "load-password";

  /** What one run does (the command line's options). */
  public record Shape(
      int editors,
      int documents,
      double warmupSeconds,
      double seconds,
      boolean sessions,
      int watchers,
      double typingRate,
      boolean spread,
      String serverJvm) {}

  @Option(names = "--editors", defaultValue = "50", description = "Editors typing.")
  int editors;

  @Option(names = "--documents", defaultValue = "10", description = "Documents they share.")
  int documents;

  @Option(names = "--seconds", defaultValue = "30", description = "Measured seconds.")
  double seconds;

  @Option(names = "--warmup", defaultValue = "10", description = "Seconds before measuring.")
  double warmupSeconds;

  @Option(
      names = "--sessions",
      description = "Type through document sessions (the edit channel), as the desktop app does.")
  boolean sessions;

  @Option(
      names = "--watchers",
      defaultValue = "0",
      description = "Readers with accounts of their own, spread over the documents.")
  int watchers;

  @Option(
      names = "--typing-rate",
      defaultValue = "0",
      description = "Characters a second per editor (0: as fast as acknowledged).")
  double typingRate;

  @Option(
      names = "--spread",
      description =
          "Each editor types at the end of a line of its own, as people typing in different"
              + " paragraphs do (needs --sessions; default: all at the start of the document).")
  boolean spread;

  @Option(
      names = "--server-jvm",
      defaultValue = SHIPPED_SERVER_JVM,
      description = "The server processes' JVM options, space-separated.")
  String serverJvm;

  @Option(names = "--dir", description = "Where the data dirs go (default: the system temp dir).")
  Path dir;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Shape shape =
        new Shape(
            editors,
            documents,
            warmupSeconds,
            seconds,
            sessions,
            watchers,
            typingRate,
            spread,
            serverJvm);
    if (spread && !sessions) {
      throw new CommandLine.ParameterException(
          spec.commandLine(), LoadGenerator.Settings.SPREAD_NEEDS_SESSIONS);
    }
    System.out.println(run(shape, dir).toJson());
    return 0;
  }

  /** Starts the cluster and the generator, runs the load once, stops everything. */
  public static BenchResult run(Shape shape, Path parent) throws Exception {
    NodeProcesses.Settings settings =
        new NodeProcesses.Settings(
            List.of(shape.serverJvm().trim().split("\\s+")), List.of("--tick-ms", "100"));
    try (TempDir root = TempDir.create(parent, "raftpad-load-");
        NodeProcesses nodes = new NodeProcesses(root.path(), NODE_IDS, settings)) {
      for (String id : NODE_IDS) {
        nodes.start(id);
      }
      registerOwner(nodes);
      BenchResult result = describe(shape, runGenerator(nodes, shape));
      for (String id : NODE_IDS) {
        nodes.stop(id); // as systemd stops them (recordings and logs are written out)
      }
      return result;
    }
  }

  private static BenchResult describe(Shape shape, Run run) {
    LoadGenerator.Figures figures = run.figures();
    BenchResult.Builder line =
        BenchResult.builder("real-process-load")
            .param("editors", shape.editors())
            .param("documents", shape.documents())
            .param("watchers", shape.watchers())
            .param("typing_rate", shape.typingRate())
            .param("spread", shape.spread())
            .param("mode", figures.mode())
            .param("server_jvm", shape.serverJvm())
            .param("warmup_s", shape.warmupSeconds())
            .param("seconds", shape.seconds())
            .figure("ops_per_s", figures.opsPerSecond())
            .figure("ops", figures.operations())
            .figure("p50_ms", figures.ackP50Millis())
            .figure("p99_ms", figures.ackP99Millis())
            .figure("max_ms", figures.ackMaxMillis())
            .figure("remote_p50_ms", figures.receiptP50Millis())
            .figure("remote_p99_ms", figures.receiptP99Millis())
            .figure("remote_max_ms", figures.receiptMaxMillis())
            .figure("receipts", figures.receipts())
            .figure("missed", figures.missed());
    CpuWindow cpu = run.cpu();
    if (cpu.complete() && figures.operations() > 0) {
      // CPU per acknowledged operation: what each process would need of a core of its own.
      double perOperation = 1e6 / figures.operations();
      double busiest = NODE_IDS.stream().mapToDouble(cpu::seconds).max().orElse(0);
      double allNodes = NODE_IDS.stream().mapToDouble(cpu::seconds).sum();
      line.figure("cores_busy", cpu.coresBusy())
          .figure("busiest_node_cpu_us_per_op", busiest * perOperation)
          .figure("nodes_cpu_us_per_op", allNodes * perOperation)
          .figure("generator_cpu_us_per_op", cpu.seconds(GENERATOR) * perOperation);
    }
    return line.build();
  }

  /** The first account (the admin), once the cluster has a leader. */
  private static void registerOwner(NodeProcesses nodes) {
    ClientOptions options = ClientOptions.defaults().withTrustedCa(nodes.caFile());
    Await.until(
        "a leader, and the first account registered",
        Duration.ofSeconds(60),
        () -> {
          try (RaftpadClient client =
              RaftpadClient.connect(SeedAddresses.parse(nodes.seeds()), options)) {
            client.register(OWNER, PASSWORD, "Load");
            return true;
          } catch (RaftpadException e) {
            // Taken: an earlier attempt was applied although its answer was lost.
            return e.reason() == RaftpadException.Reason.USERNAME_TAKEN;
          }
        });
  }

  /** What the generator measured, and what the processes' CPU did meanwhile. */
  private record Run(LoadGenerator.Figures figures, CpuWindow cpu) {}

  private static Run runGenerator(NodeProcesses nodes, Shape shape)
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
            OWNER,
            PASSWORD,
            String.valueOf(shape.editors()),
            String.valueOf(shape.documents()),
            String.valueOf(shape.warmupSeconds()),
            String.valueOf(shape.seconds()),
            String.valueOf(shape.sessions()),
            String.valueOf(shape.watchers()),
            String.valueOf(shape.typingRate()),
            String.valueOf(shape.spread())));
    Process generator =
        new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    Map<String, ProcessHandle> processes = new LinkedHashMap<>();
    for (String id : NODE_IDS) {
      nodes.handle(id).ifPresent(handle -> processes.put(id, handle));
    }
    processes.put(GENERATOR, generator.toHandle());
    CpuWindow cpu = new CpuWindow(processes);
    StringBuilder output = new StringBuilder();
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(generator.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        switch (line) {
          case LoadGeneratorProcess.MEASURING -> cpu.start();
          case LoadGeneratorProcess.MEASURED -> cpu.end();
          default -> output.append(line).append('\n');
        }
      }
    }
    if (generator.waitFor() != 0) {
      throw new IllegalStateException("the load generator failed: " + output);
    }
    String json =
        output
            .toString()
            .lines()
            .filter(line -> line.startsWith("{"))
            .reduce((first, last) -> last)
            .orElseThrow(() -> new IllegalStateException("the load generator printed no figures"));
    return new Run(new Gson().fromJson(json, LoadGenerator.Figures.class), cpu);
  }
}
