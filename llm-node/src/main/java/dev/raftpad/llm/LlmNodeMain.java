package dev.raftpad.llm;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code llm-node} command: serves LlmService on one address. */
@Command(
    name = "llm-node",
    mixinStandardHelpOptions = true,
    version = "Raftpad LLM node 0.1.0",
    description = "Runs the Raftpad LLM node (llama.cpp).")
public final class LlmNodeMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(LlmNodeMain.class);

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "listen host")
  String host = "127.0.0.1";

  @Option(names = "--port", defaultValue = "7100", description = "listen port")
  int port = 7100;

  @Option(names = "--model", description = "path of a GGUF model file")
  Path model;

  public static void main(String[] args) {
    // llama.cpp leaves a non-daemon native thread behind: exit explicitly.
    System.exit(new CommandLine(new LlmNodeMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    ModelState state = initialState(model);
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus(
        HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
        io.grpc.health.v1.HealthCheckResponse.ServingStatus.NOT_SERVING);
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(host, port))
            .addService(new LlmGrpcService(state))
            .addService(health.getHealthService())
            .build()
            .start();
    log.info("LLM node listening on {}:{}; model state: {}", host, server.getPort(), state);
    server.awaitTermination();
    return 0;
  }

  /** The state a node starts in, from its --model option. */
  static ModelState initialState(Path model) {
    if (model == null) {
      return new ModelState.NotReady("no model configured; " + ModelState.HOW_TO_INSTALL);
    }
    if (!Files.isRegularFile(model)) {
      return new ModelState.NotReady(
          "model file " + model + " does not exist; " + ModelState.HOW_TO_INSTALL);
    }
    return new ModelState.NotReady(
        "loading GGUF models is not implemented yet (issue 5); " + model + " was not loaded");
  }
}
