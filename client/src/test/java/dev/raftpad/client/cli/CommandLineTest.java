package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line itself, before any cluster is asked: help everywhere, the launch name. */
class CommandLineTest {
  @TempDir Path home;

  private record Run(int exit, String out, String err) {}

  private Run run(Invocation invocation, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--home", home.toString()));
    all.addAll(List.of(args));
    int exit =
        RaftpadCli.run(
            all.toArray(String[]::new),
            new BufferedReader(new StringReader("")),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            invocation);
    return new Run(exit, out.toString(), err.toString());
  }

  /** Every command and subcommand, as the words that call it. */
  private static Stream<List<String>> commands(CommandLine command, List<String> path) {
    return command.getSubcommands().entrySet().stream()
        .filter(e -> e.getKey().equals(e.getValue().getCommandName())) // once, not per alias
        .flatMap(
            e -> {
              List<String> words = new ArrayList<>(path);
              words.add(e.getKey());
              return Stream.concat(Stream.of(words), commands(e.getValue(), words));
            });
  }

  @TestFactory
  Stream<DynamicTest> everyCommandAnswersHelp() {
    List<List<String>> all = commands(new CommandLine(new RaftpadCli()), List.of()).toList();
    assertThat(all)
        .contains(List.of("docs"), List.of("docs", "edit"), List.of("cluster", "status"));
    return all.stream()
        .map(
            words ->
                DynamicTest.dynamicTest(
                    String.join(" ", words) + " --help",
                    () -> {
                      List<String> args = new ArrayList<>(words);
                      args.add("--help");
                      Run help = run(Invocation.from(null, Map.of()), args.toArray(String[]::new));
                      assertThat(help.exit()).as(help.err()).isZero();
                      assertThat(help.out()).contains("Usage: raftpad " + String.join(" ", words));
                      assertThat(help.err()).isEmpty();
                    }));
  }

  @Test
  void hintsNameTheCommandAsItWasLaunched() {
    Invocation script = Invocation.from(null, Map.of(Invocation.NAME_VARIABLE, "./raftpad cli"));
    Run whoami = run(script, "whoami");
    assertThat(whoami.exit()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(whoami.err())
        .isEqualTo("raftpad: not signed in: run './raftpad cli login <username>' first\n");
    assertThat(run(script, "docs", "--help").out()).startsWith("Usage: ./raftpad cli docs");

    Invocation property = Invocation.from("bin/raftpad", Map.of(Invocation.NAME_VARIABLE, "x"));
    assertThat(property.name()).isEqualTo("bin/raftpad"); // the launch script's -D wins
    assertThat(Invocation.from(null, Map.of()).name()).isEqualTo("raftpad");
  }

  @Test
  void theEditorIsVisualElseEditorElseVi() {
    assertThat(Invocation.from(null, Map.of("EDITOR", "nano -w")).editor())
        .containsExactly("nano", "-w");
    assertThat(Invocation.from(null, Map.of("EDITOR", "nano", "VISUAL", "code --wait")).editor())
        .containsExactly("code", "--wait");
    assertThat(Invocation.from(null, Map.of()).editor()).containsExactly("vi");
  }
}
