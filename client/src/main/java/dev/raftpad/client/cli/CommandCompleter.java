package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.model.DocumentInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Tab completion from the picocli command tree: after the words typed so far, the names of the
 * subcommands and options of the command they lead to, and where a document goes, the documents'
 * ids and titles.
 */
final class CommandCompleter implements Completer {
  private final CommandSpec root;
  private final Supplier<List<DocumentInfo>> documents;

  /**
   * @param documents asked on each Tab where a document goes; may fail (not signed in, no cluster):
   *     then only commands and options are offered
   */
  CommandCompleter(CommandSpec root, Supplier<List<DocumentInfo>> documents) {
    this.root = root;
    this.documents = documents;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    suggestions(line.words().subList(0, line.wordIndex()))
        .forEach(
            (word, description) ->
                candidates.add(
                    new Candidate(
                        word,
                        word,
                        null,
                        description.isEmpty() ? null : description,
                        null,
                        null,
                        true)));
  }

  /**
   * What may follow {@code typed} (the complete words before the cursor), each with a description
   * (empty for commands and options; for a document's id its title, for a title its id).
   */
  Map<String, String> suggestions(List<String> typed) {
    CommandSpec command = root;
    boolean atRoot = true;
    int positionals = 0;
    boolean optionValueNext = false;
    for (String word : typed) {
      var sub = command.subcommands().get(word);
      if (optionValueNext) {
        optionValueNext = false;
      } else if (sub != null && positionals == 0) {
        command = sub.getCommandSpec();
        atRoot = false;
      } else if (word.startsWith("-")) {
        OptionSpec option = command.findOption(word);
        optionValueNext = option != null && option.arity().max() > 0 && !word.contains("=");
      } else {
        positionals++;
      }
    }
    Map<String, String> words = new LinkedHashMap<>();
    if (!optionValueNext && takesDocument(command, positionals)) {
      for (DocumentInfo d : documentsOrNone()) {
        words.put(d.id(), d.title());
        words.putIfAbsent(d.title(), DocumentRefs.shortId(d));
      }
    }
    if (!optionValueNext) {
      List<String> names = new ArrayList<>(command.subcommands().keySet());
      for (OptionSpec option : command.options()) {
        names.addAll(List.of(option.names()));
      }
      if (atRoot) {
        names.add("exit");
      }
      names.stream().sorted().forEach(name -> words.putIfAbsent(name, ""));
    }
    return words;
  }

  private static boolean takesDocument(CommandSpec command, int position) {
    for (PositionalParamSpec parameter : command.positionalParameters()) {
      if (parameter.index().contains(position)
          && parameter.paramLabel().equals(DocumentRefs.LABEL)) {
        return true;
      }
    }
    return false;
  }

  private List<DocumentInfo> documentsOrNone() {
    try {
      return documents.get();
    } catch (RuntimeException e) {
      return List.of(); // Tab must never break the prompt: no documents to offer, that is all
    }
  }
}
