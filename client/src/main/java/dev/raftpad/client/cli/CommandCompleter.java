package dev.raftpad.client.cli;

import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Tab completion from the picocli command tree: after the words typed so far, the names of the
 * subcommands and options of the command they lead to.
 */
final class CommandCompleter implements Completer {
  private final CommandSpec root;

  CommandCompleter(CommandSpec root) {
    this.root = root;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    for (String word : suggestions(line.words().subList(0, line.wordIndex()))) {
      candidates.add(new Candidate(word));
    }
  }

  /** What may follow {@code typed} (the complete words before the cursor). */
  List<String> suggestions(List<String> typed) {
    CommandSpec command = root;
    boolean atRoot = true;
    for (String word : typed) {
      var sub = command.subcommands().get(word);
      if (sub != null) {
        command = sub.getCommandSpec();
        atRoot = false;
      }
    }
    var words = new java.util.ArrayList<String>(command.subcommands().keySet());
    for (OptionSpec option : command.options()) {
      words.addAll(List.of(option.names()));
    }
    if (atRoot) {
      words.add("exit");
    }
    return words.stream().sorted().toList();
  }
}
