package dev.raftpad.llm;

import dev.raftpad.llm.engine.Cancellation;
import dev.raftpad.llm.engine.Completion;
import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.llm.engine.GenerationSettings;
import dev.raftpad.llm.engine.LlamaEngine;
import dev.raftpad.llm.engine.Prompt;
import dev.raftpad.llm.scheduling.SlotScheduler;
import dev.raftpad.llm.task.PromptTemplate;
import dev.raftpad.llm.task.PromptTemplates;
import dev.raftpad.llm.task.RequestOptions;
import dev.raftpad.llm.task.Task;
import dev.raftpad.llm.task.TaskEvent;
import dev.raftpad.llm.task.TaskRunner;
import dev.raftpad.llm.testmodel.TinyModel;
import dev.raftpad.proto.v1.GenerationEvent;
import dev.raftpad.proto.v1.GenerationOptions;
import dev.raftpad.proto.v1.LlmServiceGrpc;
import dev.raftpad.proto.v1.ModelInfoRequest;
import dev.raftpad.proto.v1.SummarizeRequest;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.GrpcTls;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Tokens per second and time to first token (TTFT) through the gRPC service (a real LLM node on
 * loopback, Netty, client in the same process) versus direct in-process generation, on the same
 * loaded model, prompt, seed and token count; plus the service's task code on a slot thread without
 * gRPC ("task"), to tell the two costs apart, and a trivial unary call as the machine's floor for
 * any call. A benchmark, not a test: it prints figures and asserts nothing.
 *
 * <p>Run: {@code ./mvnw -pl llm-node test-compile exec:java@bench}, optionally with {@code
 * -Dbench.model=path.gguf -Dbench.tokens=256 -Dbench.rounds=5 -Dbench.threads=2}. Without a model
 * it measures the tiny random test model, then TinyLlama too if {@code
 * models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf} exists.
 */
public final class ServiceOverheadBenchmark {
  private static final Path DEFAULT_REAL_MODEL =
      Path.of("models/tinyllama-1.1b-chat-v1.0.Q4_K_M.gguf");
  private static final String TEXT =
      "The leader appends each client edit to its Raft log, replicates it to the followers, and"
          + " applies it once a majority has stored it.";

  private static final int WARM_UP_ROUNDS = 5;

  private ServiceOverheadBenchmark() {}

  /** Measures and prints; see the class comment for the settings. */
  public static void main(String[] args) throws Exception {
    int tokens = Integer.getInteger("bench.tokens", 256);
    int rounds = Integer.getInteger("bench.rounds", 5);
    int threads = Integer.getInteger("bench.threads", 2);
    String modelOption = System.getProperty("bench.model", "");
    List<Path> models = new ArrayList<>();
    if (!modelOption.isBlank()) {
      models.add(Path.of(modelOption));
    } else {
      Path dir = Files.createTempDirectory("raftpad-bench");
      models.add(TinyModel.write(dir));
      if (Files.isRegularFile(DEFAULT_REAL_MODEL)) {
        models.add(DEFAULT_REAL_MODEL);
      } else {
        System.out.println("(no " + DEFAULT_REAL_MODEL + ": measuring the tiny model only)");
      }
    }
    for (Path model : models) {
      measure(model, tokens, rounds, threads);
    }
    // llama.cpp leaves a non-daemon native thread behind.
    System.exit(0);
  }

  /**
   * One generation as its caller saw it, and as the service measured it (for gRPC: without the
   * network and the client; for direct generation the same figures).
   */
  private record Sample(
      long timeToFirstTokenMicros,
      long totalMicros,
      int tokens,
      long serviceFirstTokenMicros,
      long serviceTotalMicros) {
    double serviceTokensPerSecond() {
      return tokens * 1e6 / serviceTotalMicros;
    }

    double tokensPerSecond() {
      return tokens * 1e6 / totalMicros;
    }

    // Generation speed once the first token is out: what streaming overhead would slow down.
    double decodeTokensPerSecond() {
      return (tokens - 1) * 1e6 / (totalMicros - timeToFirstTokenMicros);
    }
  }

  private static void measure(Path model, int tokens, int rounds, int threads) throws Exception {
    EngineOptions options = new EngineOptions(2048, 1, threads, false);
    GenerationSettings settings = new GenerationSettings(tokens, 0.3f, 1234);
    PromptTemplate template = PromptTemplates.bundled().summarize();
    LlmNodeConfig config =
        new LlmNodeConfig("127.0.0.1", 0, model, options, 0, 100_000, TestTls.node().key());
    // Both paths use the node's own engine (one model in memory), one after the other.
    try (LlmNode node = LlmNode.start(config)) {
      if (!(node.loadModel() instanceof ModelState.Ready ready)) {
        throw new IllegalStateException("the node could not load " + model);
      }
      LlamaEngine direct = ready.engine();
      ManagedChannel channel =
          NettyChannelBuilder.forAddress(
                  "127.0.0.1", node.port(), GrpcTls.client(TestTls.trustedCa()))
              .build();
      Prompt prompt =
          direct.chatPrompt(template.system(), template.userMessage(Map.of("text", TEXT)));
      SummarizeRequest request =
          SummarizeRequest.newBuilder()
              .setText(TEXT)
              .setOptions(
                  GenerationOptions.newBuilder()
                      .setMaxTokens(tokens)
                      .setTemperature(settings.temperature())
                      .setSeed(settings.seed()))
              .build();
      LlmServiceGrpc.LlmServiceBlockingStub stub = LlmServiceGrpc.newBlockingStub(channel);
      TaskRunner runner = new TaskRunner(direct, PromptTemplates.bundled());
      Task task =
          new Task.Summarize(
              TEXT,
              new RequestOptions(tokens, settings.temperature(), OptionalLong.of(settings.seed())));
      // Warm-up: first use of each path (JIT, llama.cpp buffers, the gRPC connection).
      for (int i = 0; i < WARM_UP_ROUNDS; i++) {
        direct(direct, prompt, settings);
        onSlot(node.scheduler(), () -> inProcess(runner, task));
        viaGrpc(stub, request);
      }
      List<Sample> directSamples = new ArrayList<>();
      List<Sample> taskSamples = new ArrayList<>();
      List<Sample> grpcSamples = new ArrayList<>();
      for (int round = 0; round < rounds; round++) { // interleaved, so drift hits both alike
        directSamples.add(direct(direct, prompt, settings));
        taskSamples.add(onSlot(node.scheduler(), () -> inProcess(runner, task)));
        grpcSamples.add(viaGrpc(stub, request));
      }
      double roundTripMillis = unaryRoundTripMillis(stub);
      channel.shutdownNow();
      System.out.printf(
          Locale.ROOT,
          "%na trivial unary call (GetModelInfo) takes %.2f ms here (median of 21)",
          roundTripMillis);
      report(
          direct.description().name(),
          tokens,
          rounds,
          threads,
          directSamples,
          taskSamples,
          grpcSamples);
    }
  }

  private static Sample direct(LlamaEngine engine, Prompt prompt, GenerationSettings settings) {
    Completion completion = engine.generate(prompt, settings, new Cancellation(), piece -> {});
    return new Sample(
        completion.timeToFirstTokenMicros(),
        completion.totalMicros(),
        completion.generatedTokens(),
        completion.timeToFirstTokenMicros(),
        completion.totalMicros());
  }

  // What any call costs on this machine: the floor under the gRPC path's extra TTFT.
  private static double unaryRoundTripMillis(LlmServiceGrpc.LlmServiceBlockingStub stub) {
    double[] millis = new double[21];
    for (int i = 0; i < millis.length; i++) {
      long start = System.nanoTime();
      stub.getModelInfo(ModelInfoRequest.getDefaultInstance());
      millis[i] = (System.nanoTime() - start) / 1e6;
    }
    return median(millis);
  }

  // Runs on one of the node's slot threads, as the service does.
  private static Sample onSlot(SlotScheduler scheduler, Supplier<Sample> measurement) {
    CompletableFuture<Sample> sample = new CompletableFuture<>();
    Optional<SlotScheduler.Ticket> ticket =
        scheduler.submit(
            () -> {
              Sample measured = measurement.get();
              return () -> sample.complete(measured); // once the slot is free for the next call
            });
    if (ticket.isEmpty()) {
      throw new IllegalStateException("no free slot");
    }
    return sample.join();
  }

  // The service's task code (prompt rendering, chunk checks, event plumbing) without gRPC.
  private static Sample inProcess(TaskRunner runner, Task task) {
    long start = System.nanoTime();
    long[] firstToken = {0};
    TaskEvent.Finished[] finished = {null};
    runner.run(
        task,
        event -> {
          switch (event) {
            case TaskEvent.Token token -> {
              if (firstToken[0] == 0) {
                firstToken[0] = System.nanoTime();
              }
            }
            case TaskEvent.Finished done -> finished[0] = done;
            case TaskEvent.Progress progress -> {}
          }
        },
        new Cancellation());
    long end = System.nanoTime();
    return new Sample(
        (firstToken[0] - start) / 1_000,
        (end - start) / 1_000,
        finished[0].stats().generatedTokens(),
        finished[0].stats().timeToFirstTokenMicros(),
        finished[0].stats().totalMicros());
  }

  private static Sample viaGrpc(
      LlmServiceGrpc.LlmServiceBlockingStub stub, SummarizeRequest request) {
    long start = System.nanoTime();
    long firstToken = 0;
    int tokens = 0;
    long serverFirstMicros = 0;
    long serverTotalMicros = 0;
    Iterator<GenerationEvent> events = stub.summarize(request);
    while (events.hasNext()) {
      GenerationEvent event = events.next();
      if (event.hasToken() && firstToken == 0) {
        firstToken = System.nanoTime();
      }
      if (event.hasFinished()) {
        tokens = event.getFinished().getStats().getGeneratedTokens();
        serverFirstMicros = event.getFinished().getStats().getTimeToFirstTokenMicros();
        serverTotalMicros = event.getFinished().getStats().getTotalMicros();
      }
    }
    long end = System.nanoTime();
    return new Sample(
        (firstToken - start) / 1_000,
        (end - start) / 1_000,
        tokens,
        serverFirstMicros,
        serverTotalMicros);
  }

  private static void report(
      String model,
      int tokens,
      int rounds,
      int threads,
      List<Sample> direct,
      List<Sample> task,
      List<Sample> grpc) {
    Figures d = Figures.of(direct);
    System.out.printf(
        Locale.ROOT,
        "%nmodel %s: %d tokens, %d rounds (medians), %d llama threads, %d cores, load average"
            + " %.1f%n  %-8s %9s %13s %9s %14s %16s %11s%n",
        model,
        tokens,
        rounds,
        threads,
        Runtime.getRuntime().availableProcessors(),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
        "path",
        "tok/s",
        "decode tok/s",
        "TTFT ms",
        "service tok/s",
        "service TTFT ms",
        "vs direct");
    row("direct", d, d);
    row("task", Figures.of(task), d);
    row("gRPC", Figures.of(grpc), d);
    System.out.printf(
        Locale.ROOT,
        "  per-round ratios (each gRPC run over the direct run just before it), median %.3f,"
            + " range %.3f..%.3f%n",
        pairedRatios(direct, grpc)[rounds / 2],
        pairedRatios(direct, grpc)[0],
        pairedRatios(direct, grpc)[rounds - 1]);
  }

  // Rounds are interleaved, so a ratio within one round is least disturbed by the machine's drift.
  private static double[] pairedRatios(List<Sample> direct, List<Sample> grpc) {
    double[] ratios = new double[direct.size()];
    for (int i = 0; i < ratios.length; i++) {
      ratios[i] = grpc.get(i).tokensPerSecond() / direct.get(i).tokensPerSecond();
    }
    java.util.Arrays.sort(ratios);
    return ratios;
  }

  private static void row(String path, Figures f, Figures direct) {
    System.out.printf(
        Locale.ROOT,
        "  %-8s %9.1f %13.1f %9.2f %14.1f %16.2f %11.3f%n",
        path,
        f.rate(),
        f.decodeRate(),
        f.firstMillis(),
        f.serviceRate(),
        f.serviceFirstMillis(),
        f.rate() / direct.rate());
  }

  /** Medians over the rounds of one path. */
  private record Figures(
      double rate,
      double decodeRate,
      double firstMillis,
      double serviceRate,
      double serviceFirstMillis) {
    static Figures of(List<Sample> samples) {
      return new Figures(
          median(samples.stream().mapToDouble(Sample::tokensPerSecond).toArray()),
          median(samples.stream().mapToDouble(Sample::decodeTokensPerSecond).toArray()),
          median(samples.stream().mapToDouble(s -> s.timeToFirstTokenMicros() / 1e3).toArray()),
          median(samples.stream().mapToDouble(Sample::serviceTokensPerSecond).toArray()),
          median(samples.stream().mapToDouble(s -> s.serviceFirstTokenMicros() / 1e3).toArray()));
    }
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
