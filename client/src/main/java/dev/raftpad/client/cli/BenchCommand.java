package dev.raftpad.client.cli;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.bench.LoadAccounts;
import dev.raftpad.client.bench.LoadGenerator;
import dev.raftpad.client.sdk.RaftpadClient;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Benchmarks that print figures. {@code load} runs the one load generator ({@link LoadGenerator})
 * against the cluster. (The editing-trace replay is a developer benchmark of the document engine
 * and lives with the test tools: testkit's {@code TraceReplayMain}.)
 */
@Command(
    name = "bench",
    description = "Benchmarks that print figures.",
    subcommands = {BenchCommand.Load.class})
final class BenchCommand {
  @Command(
      name = "load",
      description =
          "N editors over M documents against the cluster: committed operations/s, and p50/p99"
              + " from submit to acknowledgement and to another client's receipt. Needs a signed-in"
              + " user whose password is given on stdin (each editor signs in on its own).")
  static final class Load implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--editors", defaultValue = "50")
    int editors;

    @Option(names = "--documents", defaultValue = "10")
    int documents;

    @Option(names = "--seconds", defaultValue = "10")
    int seconds;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean passwordStdin;

    @Option(
        names = "--sessions",
        description =
            "type through document sessions (the edit channel), as the desktop app does, instead"
                + " of one SubmitOperation call per character")
    boolean sessions;

    @Option(
        names = "--watchers",
        defaultValue = "0",
        description =
            "people who only read, spread over the documents; they sign in as accounts"
                + " USER-watcher-K with the same password (registered by USER, who must be an"
                + " admin when registration is closed)")
    int watchers;

    @Option(
        names = "--typing-rate",
        defaultValue = "0",
        description = "characters per second per editor, like a person typing (0: unpaced)")
    double typingRate;

    @Option(
        names = "--spread",
        description =
            "each editor types at the end of a line of its own, as people in different paragraphs"
                + " do (needs --sessions; default: all at the start of the document)")
    boolean spread;

    @Override
    public Integer call() throws Exception {
      if (spread && !sessions) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(), LoadGenerator.Settings.SPREAD_NEEDS_SESSIONS);
      }
      RaftpadCli cli = RaftpadCli.of(spec);
      RaftpadClient owner = cli.signedIn();
      String username = owner.whoAmI().user().username();
      String password =
          Passwords.read(cli.runtime, passwordStdin, "Password for " + username + ": ");
      ProgressBar progress =
          new ProgressBar(cli.runtime.err, cli.runtime.terminal && !cli.json, "load");
      LoadAccounts accounts =
          new LoadAccounts(
              () ->
                  RaftpadClient.connect(
                      SeedAddresses.parse(cli.servers()), cli.transport().options()),
              owner,
              username,
              password);
      LoadGenerator.Figures figures =
          LoadGenerator.run(
              new LoadGenerator.Settings(
                  editors,
                  documents,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(seconds),
                  sessions,
                  watchers,
                  typingRate,
                  spread),
              owner,
              accounts::editor,
              accounts::watcherAccount,
              new LoadGenerator.Observer() {
                @Override
                public void progress(Duration elapsed, Duration total, double opsPerSecond) {
                  progress.show(
                      elapsed.toNanos(),
                      total.toNanos(),
                      String.format("%.0f ops/s", opsPerSecond));
                }

                @Override
                public void editorStopped(String editor, RuntimeException failure) {
                  cli.runtime.err.println("editor " + editor + " stopped: " + failure.getMessage());
                }
              });
      progress.finish();
      cli.output().print(figures, LoadGenerator.Figures::describe);
      return ExitCodes.OK;
    }
  }
}
