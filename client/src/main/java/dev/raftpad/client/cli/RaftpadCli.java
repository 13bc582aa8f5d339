package dev.raftpad.client.cli;

import dev.raftpad.client.SeedAddresses;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code raftpad} command line. */
@Command(
    name = "raftpad",
    mixinStandardHelpOptions = true,
    version = "raftpad 0.1.0",
    description = "Command-line client of a Raftpad cluster.",
    subcommands = {PingCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:the cluster answered with an error",
      "2:invalid command line",
      "3:the cluster could not be reached"
    })
public final class RaftpadCli {
  /** Exit code when a server could not be reached. */
  public static final int EXIT_UNREACHABLE = 3;

  @Option(
      names = {"-s", "--servers"},
      scope = ScopeType.INHERIT,
      defaultValue = "${RAFTPAD_SERVERS:-127.0.0.1:7001,127.0.0.1:7002,127.0.0.1:7003}",
      description = "comma-separated host:port of cluster members (env RAFTPAD_SERVERS)")
  String servers;

  SeedAddresses seeds() {
    return SeedAddresses.parse(servers);
  }

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true, Charset.defaultCharset()),
            new PrintWriter(System.err, true, Charset.defaultCharset())));
  }

  /** Runs the CLI with the given output streams and returns its exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine commandLine = new CommandLine(new RaftpadCli());
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          // One clear line, never a stack trace.
          cmd.getErr().println("raftpad: " + exception.getMessage());
          return 1;
        });
    return commandLine.execute(args);
  }
}
