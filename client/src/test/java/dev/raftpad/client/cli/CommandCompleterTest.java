package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandCompleterTest {
  private final CommandCompleter completer =
      new CommandCompleter(new CommandLine(new RaftpadCli()).getCommandSpec(), List::of);

  @Test
  void atThePromptItOffersEveryCommandAndExit() {
    assertThat(completer.suggestions(List.of()).keySet())
        .contains("docs", "login", "cluster", "watch", "ai", "exit", "--json");
  }

  @Test
  void afterACommandItOffersItsSubcommandsAndOptions() {
    assertThat(completer.suggestions(List.of("docs")).keySet())
        .contains("list", "create", "edit", "show")
        .doesNotContain("exit", "login");
    assertThat(completer.suggestions(List.of("docs", "edit")).keySet())
        .contains("--append", "--patch", "--file", "--editor");
  }
}
