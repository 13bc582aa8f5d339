package dev.raftpad.server;

import dev.raftpad.server.api.ImageLimits;
import dev.raftpad.server.backup.RestoreCommand;
import dev.raftpad.server.metrics.MetricsDefaults;
import dev.raftpad.server.upgrade.StoredFormats;
import dev.raftpad.tls.LocalCertificates;
import dev.raftpad.tls.TlsMaterial;
import dev.raftpad.tls.TrustedCa;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
    description = "Runs one Raftpad server node.",
    subcommands = RestoreCommand.class)
public final class ServerNodeMain implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(ServerNodeMain.class);

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--node-id",
      defaultValue = "n1",
      description = "stable id of this node (default: ${DEFAULT-VALUE})")
  String nodeId = "n1";

  @Option(
      names = "--cluster-id",
      defaultValue = "local",
      description = "id of the cluster (default: ${DEFAULT-VALUE})")
  String clusterId = "local";

  @Option(
      names = "--secret",
      defaultValue = "${RAFTPAD_CLUSTER_SECRET:-}",
      description =
          "shared secret of the peer API, the same on every node (env RAFTPAD_CLUSTER_SECRET);"
              + " --secret-file keeps it off the command line, which other users can see")
  String secret = "";

  @Option(
      names = "--secret-file",
      description =
          "file holding the cluster secret, mode 0600 (make one with: server-node new-secret FILE)")
  Path secretFile;

  @Option(
      names = "--reflection",
      description =
          "serve gRPC reflection, for tools like grpcurl (off by default: it lists every service"
              + " to anyone who connects)")
  boolean reflection;

  @Option(
      names = "--listen",
      defaultValue = "127.0.0.1:7001",
      description = "host:port of the client and peer API (default: ${DEFAULT-VALUE})")
  String listen = "127.0.0.1:7001";

  @Option(
      names = {"--peer", "--peers"},
      split = ",",
      description =
          "another founding member as id=host:port (repeat, or separate with commas; the config"
              + " file key is 'peers')")
  List<String> peers = List.of();

  @Option(
      names = "--llm",
      defaultValue = "",
      description = "host:port of the LLM node for AI features (default: none)")
  String llm = "";

  @Option(
      names = "--tls-cert",
      description =
          "this node's certificate (PEM, chain leaf first), from the cluster CA; it must name the"
              + " host others reach this node at")
  Path tlsCert;

  @Option(names = "--tls-key", description = "the certificate's private key (PEM, mode 0600)")
  Path tlsKey;

  @Option(
      names = "--tls-ca",
      description =
          "the cluster CA (PEM; several certificates while a CA is replaced): peers must show a"
              + " certificate from it")
  Path tlsCa;

  @Option(
      names = "--llm-ca",
      description = "the CA of the LLM node's certificate (PEM; default: the cluster CA)")
  Path llmCa;

  @Option(
      names = "--insecure",
      description =
          "plaintext on every link, no TLS (only for a machine no one else can reach; logs a"
              + " warning)")
  boolean insecure;

  @Option(
      names = "--snapshot-every",
      defaultValue = "10000",
      description =
          "take a snapshot and compact the log every N applied entries (default: ${DEFAULT-VALUE})")
  long snapshotEvery = 10_000;

  @Option(
      names = "--open-registration",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "anyone may create an account (default); --no-open-registration: only admins may (the"
              + " first account, the admin, is always allowed). Give every node the same value.")
  boolean openRegistration = true;

  @Option(
      names = "--max-image-bytes",
      defaultValue = "2097152",
      description =
          "the largest image a document may hold, in bytes (default: ${DEFAULT-VALUE}, 2 MiB; at"
              + " most 8323072)")
  long maxImageBytes = ImageLimits.DEFAULT.perImage();

  @Option(
      names = "--max-document-image-bytes",
      defaultValue = "20971520",
      description =
          "the most a document's images may take together, in bytes (default: ${DEFAULT-VALUE},"
              + " 20 MiB). Judged by the leader: give every node the same value.")
  long maxDocumentImageBytes = ImageLimits.DEFAULT.perDocument();

  @Option(
      names = "--config",
      description =
          "a properties file of option=value lines (keys are the long option names without"
              + " dashes, e.g. node-id=n1, peers=n2=host:7002,n3=host:7003); options given on the"
              + " command line win")
  Path config;

  @Option(
      names = "--join",
      description = "join an existing cluster instead of founding one (the data dir must be empty)")
  boolean join;

  @Option(
      names = "--data-dir",
      defaultValue = "data/n1",
      description =
          "where the node keeps its identity, log and snapshots (default: ${DEFAULT-VALUE})")
  Path dataDir = Path.of("data/n1");

  @Option(
      names = "--metrics-address",
      defaultValue = "default",
      description =
          "host:port of the Prometheus metrics endpoint (HTTP, /metrics), or 'off'; default:"
              + " 127.0.0.1 at the --listen port + 1000 (7001 -> 8001), skipped with a warning if"
              + " that port is taken. It has no authentication: keep it on loopback or a"
              + " monitoring network")
  String metricsAddress = "default";

  @Option(
      names = "--tick-ms",
      defaultValue = "100",
      description = "Raft tick (default: ${DEFAULT-VALUE} ms)")
  long tickMillis = 100;

  public static void main(String[] args) {
    dev.raftpad.rpc.logging.ProcessLogging.setUp();
    System.exit(
        run(
            args,
            new java.io.PrintWriter(
                new java.io.OutputStreamWriter(
                    System.err, java.nio.charset.Charset.defaultCharset()),
                true)));
  }

  /** Runs the command; the values of a {@code --config} file (if named) serve as defaults. */
  static int run(String[] args, java.io.PrintWriter err) {
    CommandLine command = new CommandLine(new ServerNodeMain());
    command.setErr(err);
    command.setExecutionExceptionHandler(
        (failure, cmd, parsed) -> {
          // One clear line for the operator; the stack trace only in the debug log.
          cmd.getErr().println("server-node: " + failure.getMessage());
          log.debug("startup failed", failure);
          return 2;
        });
    try {
      command.setDefaultValueProvider(ConfigFile.defaultsFor(command, args));
    } catch (CommandLine.ParameterException e) {
      command.getErr().println("server-node: " + e.getMessage());
      return 2;
    }
    return command.execute(args);
  }

  @Command(
      name = "new-secret",
      mixinStandardHelpOptions = true,
      description =
          "Writes a new random cluster secret to FILE (mode 0600; an existing file is never"
              + " overwritten). Copy it to every node and start each with --secret-file FILE.")
  int newSecret(
      @CommandLine.Parameters(paramLabel = "FILE", description = "the file to create") Path file)
      throws java.io.IOException {
    try {
      ClusterSecretSource.create(file);
    } catch (java.nio.file.FileAlreadyExistsException e) {
      throw new IllegalArgumentException(file + " exists; a secret file is never overwritten", e);
    }
    System.out.println("wrote a new cluster secret to " + file + " (mode 0600)");
    return 0;
  }

  @Command(
      name = "new-certs",
      mixinStandardHelpOptions = true,
      description =
          "Creates a cluster CA in DIR (ca.pem, ca-key.pem) unless there is one, and a"
              + " certificate and key (NAME.pem, NAME-key.pem) for every --name that has none."
              + " Keys are mode 0600.")
  int newCerts(
      @CommandLine.Parameters(paramLabel = "DIR", description = "the certificate directory")
          Path dir,
      @Option(
              names = "--name",
              split = ",",
              required = true,
              description = "a node to issue a certificate for (repeat, or separate with commas)")
          List<String> names,
      @Option(
              names = "--host",
              split = ",",
              description =
                  "a host name or address the certificates name besides localhost and 127.0.0.1")
          List<String> hosts,
      @Option(
              names = "--renew",
              description =
                  "issue new certificates and keys for the names even if they exist (the old ones"
                      + " are kept as *.old): rotation, followed by a rolling restart")
          boolean renew)
      throws java.io.IOException {
    List<Path> written =
        new LocalCertificates(dir).ensure(names, hosts == null ? List.of() : hosts, renew);
    for (Path file : written) {
      System.out.println("wrote " + file);
    }
    return 0;
  }

  /** Sets where the node serves metrics: the option's address, none, or the default. */
  private void metricsAddress(ServerNode.Config.Builder config, int grpcPort) {
    switch (metricsAddress) {
      case "off" -> {}
      case "default" ->
          config.defaultMetricsAddress(
              new InetSocketAddress(
                  java.net.InetAddress.getLoopbackAddress(), MetricsDefaults.portBeside(grpcPort)));
      default -> {
        InetSocketAddress given = HostPort.parse(metricsAddress);
        config.metricsAddress(new InetSocketAddress(given.getHostString(), given.getPort()));
      }
    }
  }

  /** The node's TLS material, or null with --insecure; bad or missing files fail in one line. */
  private TlsMaterial tls() {
    boolean anyTlsOption = tlsCert != null || tlsKey != null || tlsCa != null || llmCa != null;
    if (insecure) {
      if (anyTlsOption) {
        throw new IllegalArgumentException(
            "--insecure turns TLS off; give it or the --tls-*/--llm-ca files, not both");
      }
      log.warn(
          "--insecure: TLS is off; clients, peers and the LLM node talk in plaintext that anyone"
              + " on the network can read and alter");
      return null;
    }
    if (tlsCert == null || tlsKey == null || tlsCa == null) {
      throw new IllegalArgumentException(
          "TLS needs --tls-cert, --tls-key and --tls-ca (make them with `raftpad-server new-certs"
              + " DIR --name NODE`), or plaintext with --insecure");
    }
    return TlsMaterial.load(tlsCert, tlsKey, tlsCa);
  }

  @Override
  public Integer call() throws Exception {
    String clusterSecret = ClusterSecretSource.resolve(secret, secretFile);
    TlsMaterial tls = tls();
    TrustedCa llmTrust = llmCa == null ? null : TrustedCa.load(llmCa);
    InetSocketAddress parsed = HostPort.parse(listen);
    Map<String, String> addresses = new LinkedHashMap<>();
    addresses.put(nodeId, listen);
    for (String peer : peers) {
      int eq = peer.indexOf('=');
      if (eq <= 0) {
        throw new CommandLine.ParameterException(
            new CommandLine(this), "--peer expects id=host:port but got '" + peer + "'");
      }
      HostPort.parse(peer.substring(eq + 1));
      addresses.put(peer.substring(0, eq), peer.substring(eq + 1));
    }
    if (!llm.isEmpty()) {
      HostPort.parse(llm);
    }
    if (snapshotEvery < 1) {
      throw new CommandLine.ParameterException(
          new CommandLine(this), "--snapshot-every must be at least 1");
    }
    ImageLimits imageLimits = new ImageLimits(maxImageBytes, maxDocumentImageBytes);
    // This process is one node: its main thread's lines carry the node id too.
    org.slf4j.MDC.put(dev.raftpad.server.logging.NodeLogFields.NODE_ID, nodeId);
    // A data dir written by a newer release is refused here, in one line, before anything runs.
    StoredFormats.check(dataDir);
    Set<String> founders = join ? Set.of() : Set.copyOf(addresses.keySet());
    ServerNode.Config.Builder config = ServerNode.Config.builder();
    if (tls == null) {
      config.insecure();
    } else {
      config.tls(tls).llmCa(llmTrust);
    }
    metricsAddress(config, parsed.getPort());
    config.imageLimits(imageLimits);
    ServerNode node =
        ServerNode.start(
            config
                .nodeId(nodeId)
                .clusterId(clusterId)
                .secret(clusterSecret)
                .listen(new InetSocketAddress(parsed.getHostString(), parsed.getPort()))
                .dataDir(dataDir)
                .addresses(new ConcurrentHashMap<>(addresses))
                .founders(founders)
                .tick(Duration.ofMillis(tickMillis))
                .bcryptCost(10)
                .snapshotEvery(snapshotEvery)
                .llmAddress(llm)
                .openRegistration(openRegistration)
                .reflection(reflection)
                .build());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    node.close();
                  } catch (Exception e) {
                    log.warn("error while stopping", e);
                  } finally {
                    stopped.countDown();
                  }
                },
                "shutdown"));
    log.info(
        "node {} of cluster {} listening on {} ({}; data dir {}, members {})",
        nodeId,
        clusterId,
        listen,
        tls == null ? "plaintext" : "TLS",
        dataDir,
        addresses.keySet());
    // A command this node cannot read can still arrive from a newer leader: the Raft loop stops
    // on it (rather than diverge), and so does the process, in one line, instead of serving on.
    while (!stopped.await(200, TimeUnit.MILLISECONDS)) {
      Throwable failure = node.raft().failure();
      if (failure != null) {
        spec.commandLine()
            .getErr()
            .println(
                "server-node: the Raft log stopped at a step it cannot take: "
                    + failure.getMessage());
        return 3;
      }
    }
    return 0;
  }
}
