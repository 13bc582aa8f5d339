package dev.raftpad.server;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code server-node} command: starts one Raftpad server node. */
@Command(
    name = "server-node",
    mixinStandardHelpOptions = true,
    version = "Raftpad server node 0.1.0",
    description = "Runs one Raftpad server node.")
public final class ServerNodeMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServerNodeMain.class);

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:7001",
      description = "host:port of the client API (default: ${DEFAULT-VALUE})")
  String listen = "127.0.0.1:7001";

  @Option(
      names = "--data-dir",
      defaultValue = "data/node",
      description = "where the node keeps its log and snapshots (default: ${DEFAULT-VALUE})")
  Path dataDir = Path.of("data/node");

  public static void main(String[] args) {
    System.exit(new CommandLine(new ServerNodeMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    InetSocketAddress parsed = HostPort.parse(listen);
    InetSocketAddress address = new InetSocketAddress(parsed.getHostString(), parsed.getPort());
    NodeServer server = NodeServer.start(address, List.of());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    server.close();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "shutdown"));
    server.ready();
    log.info(
        "node listening on {}:{} (data dir {})", address.getHostString(), server.port(), dataDir);
    server.awaitTermination();
    return 0;
  }
}
