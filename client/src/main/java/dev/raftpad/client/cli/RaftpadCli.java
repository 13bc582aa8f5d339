package dev.raftpad.client.cli;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.RaftpadClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code raftpad} command line. */
@Command(
    name = "raftpad",
    // INHERIT copies the help options (and the exit-code list) to every subcommand, so that
    // `raftpad docs --help` and `raftpad docs edit --help` answer like `raftpad --help`.
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    version = "raftpad 0.1.0",
    description = "Command-line client of a Raftpad cluster.",
    subcommands = {
      CommandLine.HelpCommand.class,
      PingCommand.class,
      AccountCommands.Register.class,
      AccountCommands.Login.class,
      AccountCommands.Logout.class,
      AccountCommands.WhoAmI.class,
      DocsCommand.class,
      LockCommands.Lock.class,
      LockCommands.Unlock.class,
      WhoCommand.class,
      HistoryCommands.ListVersions.class,
      HistoryCommands.NameVersion.class,
      HistoryCommands.DiffRevisions.class,
      HistoryCommands.RestoreRevision.class,
      WatchCommand.class,
      ReviewCommands.Comments.class,
      ReviewCommands.Suggestions.class,
      AiCommand.class,
      ClusterCommand.class,
      BenchCommand.class,
      ShellCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the cluster refused (not found, not allowed, locked, invalid input), or no document"
          + " has the id or title given",
      "2:invalid command line, or a document name that fits several documents",
      "3:the cluster (or its LLM node) could not be reached",
      "4:not signed in, session expired, wrong password or too many failed sign-ins",
      "5:a local problem (a file, a patch that does not apply, the editor)"
    })
public final class RaftpadCli {
  /** Exit code when a server could not be reached. */
  public static final int EXIT_UNREACHABLE = ExitCodes.UNREACHABLE;

  @Option(
      names = {"-s", "--servers"},
      scope = ScopeType.INHERIT,
      description =
          "comma-separated host:port of cluster members (default: env RAFTPAD_SERVERS, else the"
              + " servers of the last login, else the local cluster)")
  String servers;

  @Option(
      names = "--ca",
      scope = ScopeType.INHERIT,
      description =
          "the CA certificate (PEM) the servers' certificates come from (default: env RAFTPAD_CA,"
              + " else the CA of the last login, else the JDK's trust store)")
  Path ca;

  @Option(
      names = "--insecure",
      scope = ScopeType.INHERIT,
      description = "plaintext instead of TLS, for a cluster run with --insecure")
  boolean insecure;

  @Option(
      names = "--request-id",
      scope = ScopeType.INHERIT,
      description =
          "the request id every call of this command carries (raftpad-request-id), to find it in"
              + " the servers' and the LLM node's logs; default: a fresh id per call")
  String requestId;

  @Option(
      names = "--json",
      scope = ScopeType.INHERIT,
      description = "print results as JSON, for scripts")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      scope = ScopeType.INHERIT,
      description = "print stack traces of failures")
  boolean verbose;

  @Option(
      names = "--home",
      scope = ScopeType.INHERIT,
      defaultValue = "${RAFTPAD_HOME:-${sys:user.home}/.raftpad}",
      description = "where the CLI keeps its session (env RAFTPAD_HOME; default ~/.raftpad)")
  Path home;

  CliRuntime runtime;

  /** The root command of the run that {@code spec} belongs to. */
  static RaftpadCli of(CommandSpec spec) {
    return (RaftpadCli) spec.root().userObject();
  }

  SeedAddresses seeds() {
    return SeedAddresses.parse(servers());
  }

  String servers() {
    return runtime.servers(servers, home);
  }

  Output output() {
    return new Output(runtime.out, json);
  }

  CredentialStore credentials() {
    return new CredentialStore(home);
  }

  /** How to reach the servers: TLS trusting which CA, or plaintext. */
  CliRuntime.Transport transport() {
    return runtime.transport(ca, insecure, home).withRequestId(requestId);
  }

  RaftpadClient client() {
    return runtime.client(servers(), transport(), home);
  }

  RaftpadClient signedIn() {
    return runtime.signedIn(servers(), transport(), home);
  }

  /** The id of the document {@code reference} names: an id, a unique id prefix or a title. */
  String document(String reference) {
    return DocumentRefs.resolve(signedIn().documents(), reference, false);
  }

  /** Like {@link #document} among the documents in the trash. */
  String documentInTrash(String reference) {
    return DocumentRefs.resolve(signedIn().documents(), reference, true);
  }

  /** The user name of the stored session, if any. */
  java.util.Optional<String> signedInAs() {
    return runtime.stored(home).map(CredentialStore.Saved::username);
  }

  public static void main(String[] args) {
    dev.raftpad.rpc.logging.ProcessLogging.setUp();
    CliRuntime runtime =
        new CliRuntime(
            new BufferedReader(new InputStreamReader(System.in, Charset.defaultCharset())),
            new PrintWriter(System.out, true, Charset.defaultCharset()),
            new PrintWriter(System.err, true, Charset.defaultCharset()),
            Terminals.interactive() != null,
            Invocation.fromEnvironment());
    int exit;
    try {
      exit = execute(args, runtime);
    } finally {
      runtime.close(); // closes the client, never the standard streams
    }
    System.exit(exit);
  }

  /** Runs the CLI with the given output streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, new BufferedReader(new java.io.StringReader("")), out, err);
  }

  /** Runs the CLI with the given streams (no terminal) and returns its exit code. */
  public static int run(String[] args, BufferedReader in, PrintWriter out, PrintWriter err) {
    return run(args, in, out, err, Invocation.fromEnvironment());
  }

  /** Runs the CLI as if started as {@code invocation} says (tests: another name, an editor). */
  static int run(
      String[] args, BufferedReader in, PrintWriter out, PrintWriter err, Invocation invocation) {
    try (CliRuntime runtime = new CliRuntime(in, out, err, false, invocation)) {
      return execute(args, runtime);
    }
  }

  /** Runs one command line within {@code runtime} (the shell runs each of its lines so). */
  static int execute(String[] args, CliRuntime runtime) {
    RaftpadCli root = new RaftpadCli();
    root.runtime = runtime;
    CommandLine commandLine = new CommandLine(root);
    // Usage lines and hints name the command as it was launched (e.g. "./raftpad cli").
    commandLine.setCommandName(runtime.invocation.name());
    commandLine.setOut(runtime.out);
    commandLine.setErr(runtime.err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> Failures.report(exception, root.verbose, cmd.getErr()));
    return commandLine.execute(args);
  }
}
