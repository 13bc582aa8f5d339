package dev.raftpad.llm;

import dev.raftpad.llm.engine.EngineOptions;
import dev.raftpad.tls.KeyMaterial;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code llm-node} command: serves LlmService (and gRPC health) on one address. */
@Command(
    name = "llm-node",
    mixinStandardHelpOptions = true,
    version = "Raftpad LLM node 0.1.0",
    description = "Runs the Raftpad LLM node: llama.cpp behind the streaming LlmService.")
public final class LlmNodeMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(LlmNodeMain.class);

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      description = "listen host (${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "7100", description = "listen port (${DEFAULT-VALUE})")
  int port;

  @Option(
      names = "--model",
      description = "GGUF model file; without one the node reports not ready")
  Path model;

  @Option(
      names = "--threads",
      description = "llama.cpp CPU threads (default: the available processors, at most 8)")
  Integer threads;

  @Option(
      names = "--ctx-size",
      defaultValue = "4096",
      description = "context size in tokens, split among the slots (${DEFAULT-VALUE})")
  int contextSize;

  @Option(
      names = "--parallel",
      defaultValue = "2",
      description = "generations that run at once (${DEFAULT-VALUE})")
  int parallelSlots;

  @Option(
      names = "--queue",
      defaultValue = "8",
      description = "requests that may wait for a slot; more are refused (${DEFAULT-VALUE})")
  int queueCapacity;

  @Option(
      names = "--quiet-llama",
      description = "do not print llama.cpp's own log (a few lines per request)")
  boolean quietLlama;

  @Option(
      names = "--max-input-chars",
      defaultValue = "1000000",
      description = "the most characters one request's text may have (${DEFAULT-VALUE})")
  int maxInputChars;

  @Option(names = "--tls-cert", description = "the node's certificate (PEM, chain leaf first)")
  Path tlsCert;

  @Option(names = "--tls-key", description = "the certificate's private key (PEM, mode 0600)")
  Path tlsKey;

  @Option(
      names = "--metrics-address",
      defaultValue = "default",
      description =
          "host:port of the Prometheus metrics endpoint (HTTP, /metrics), or 'off'; default:"
              + " 127.0.0.1 at --port + 1000 (7100 -> 8100), skipped with a warning if that port"
              + " is taken. It has no authentication: keep it on loopback or a monitoring network")
  String metricsAddress = "default";

  @Option(
      names = "--insecure",
      description =
          "plaintext instead of TLS (only for a machine no one else can reach; logs a warning)")
  boolean insecure;

  /** Runs the node until the process is stopped; always exits the JVM. */
  public static void main(String[] args) {
    dev.raftpad.rpc.logging.ProcessLogging.setUp();
    // llama.cpp leaves a non-daemon native thread behind even after the model is closed, so the
    // JVM would never exit by itself.
    CommandLine command = new CommandLine(new LlmNodeMain());
    command.setExecutionExceptionHandler(
        (failure, cmd, parsed) -> {
          if (!(failure instanceof IllegalArgumentException)) {
            throw failure;
          }
          // A bad option or file: one clear line for the operator, no stack trace.
          cmd.getErr().println("llm-node: " + failure.getMessage());
          return 2;
        });
    System.exit(command.execute(args));
  }

  /** The configuration the options describe. */
  LlmNodeConfig config() {
    int cpuThreads =
        threads != null ? threads : Math.min(8, Runtime.getRuntime().availableProcessors());
    return new LlmNodeConfig(
        host,
        port,
        model,
        new EngineOptions(contextSize, parallelSlots, cpuThreads, !quietLlama),
        queueCapacity,
        maxInputChars,
        tls(),
        metricsAddress(),
        metricsAddress.equals("default"));
  }

  /** Where to serve metrics: the option's host:port, none ("off"), or loopback at port + 1000. */
  private InetSocketAddress metricsAddress() {
    return switch (metricsAddress) {
      case "off" -> null;
      case "default" ->
          new InetSocketAddress(
              InetAddress.getLoopbackAddress(),
              port == 0 ? 0 : port + 1000 <= 65_535 ? port + 1000 : port - 1000);
      default -> {
        int colon = metricsAddress.lastIndexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "--metrics-address expects host:port or off, not '" + metricsAddress + "'");
        }
        String hostPart = metricsAddress.substring(0, colon).replaceAll("^\\[|\\]$", "");
        int portPart;
        try {
          portPart = Integer.parseInt(metricsAddress.substring(colon + 1));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--metrics-address port is not a number: '" + metricsAddress + "'", e);
        }
        yield InetSocketAddress.createUnresolved(hostPart, portPart);
      }
    };
  }

  /** The node's certificate and key, or null with --insecure; bad files fail in one line. */
  private KeyMaterial tls() {
    if (insecure) {
      if (tlsCert != null || tlsKey != null) {
        throw new IllegalArgumentException(
            "--insecure turns TLS off; give it or --tls-cert/--tls-key, not both");
      }
      log.warn(
          "--insecure: TLS is off; requests and answers travel in plaintext that anyone on the"
              + " network can read and alter");
      return null;
    }
    if (tlsCert == null || tlsKey == null) {
      throw new IllegalArgumentException(
          "TLS needs --tls-cert and --tls-key (make them with `raftpad-server new-certs DIR"
              + " --name llm`), or plaintext with --insecure");
    }
    return KeyMaterial.load(tlsCert, tlsKey);
  }

  @Override
  public Integer call() throws Exception {
    LlmNode node = LlmNode.start(config());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  node.close();
                  stopped.countDown();
                },
                "llm-node-shutdown"));
    if (node.loadModel() instanceof ModelState.NotReady notReady) {
      log.warn("serving without a model: {}", notReady.reason());
    }
    stopped.await();
    return 0;
  }
}
