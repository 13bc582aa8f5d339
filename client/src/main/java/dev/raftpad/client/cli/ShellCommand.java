package dev.raftpad.client.cli;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code raftpad shell}: the seed's interactive menu, grown up. Every CLI command works at its
 * prompt, with tab completion of commands and options when a terminal is attached; one connection
 * serves the whole session.
 */
@Command(name = "shell", description = "An interactive prompt for every command (Tab completes).")
final class ShellCommand implements Callable<Integer> {
  static final String PROMPT = "raftpad> ";

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    RaftpadCli cli = RaftpadCli.of(spec);
    CliRuntime runtime = cli.runtime;
    runtime.out.println("Raftpad shell on " + cli.servers() + ". Type 'help', or 'exit' to leave.");
    if (!runtime.terminal) {
      return readPlainLines(runtime); // scripts and pipes: no line editing needed
    }
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .completer(completer(cli))
              .parser(new DefaultParser())
              .build();
      while (true) {
        try {
          reader.readLine(PROMPT);
        } catch (UserInterruptException e) {
          continue; // Ctrl-C clears the line, as in any shell
        } catch (EndOfFileException e) {
          return ExitCodes.OK;
        }
        if (!runLine(reader.getParsedLine().words(), runtime)) {
          return ExitCodes.OK;
        }
      }
    }
  }

  /** Completes commands and options, and documents from the shell's own connection. */
  static CommandCompleter completer(RaftpadCli shell) {
    return new CommandCompleter(
        new CommandLine(new RaftpadCli()).getCommandSpec(),
        () -> DocumentRefs.all(shell.signedIn().documents(), false));
  }

  private int readPlainLines(CliRuntime runtime) throws IOException {
    DefaultParser parser = new DefaultParser();
    for (String line = runtime.in.readLine(); line != null; line = runtime.in.readLine()) {
      List<String> words = parser.parse(line, line.length()).words();
      if (!runLine(words, runtime)) {
        break;
      }
    }
    return ExitCodes.OK;
  }

  /** Runs one line; false when the user asked to leave. */
  private boolean runLine(List<String> words, CliRuntime runtime) {
    List<String> args = words.stream().filter(w -> !w.isEmpty()).toList();
    if (args.isEmpty()) {
      return true;
    }
    if (args.getFirst().equals("exit") || args.getFirst().equals("quit")) {
      return false;
    }
    if (args.getFirst().equals("shell")) {
      runtime.err.println("raftpad: already in the shell");
      return true;
    }
    // Each line runs with the shell's own servers, home and output mode unless it says otherwise.
    RaftpadCli shell = RaftpadCli.of(spec);
    List<String> line = new java.util.ArrayList<>(List.of("--servers", shell.servers()));
    line.addAll(List.of("--home", shell.home.toString()));
    if (shell.json) {
      line.add("--json");
    }
    if (shell.verbose) {
      line.add("--verbose");
    }
    line.addAll(args);
    int code = RaftpadCli.execute(line.toArray(String[]::new), runtime);
    if (code != ExitCodes.OK) {
      runtime.err.println("(exit " + code + ")");
    }
    return true;
  }
}
