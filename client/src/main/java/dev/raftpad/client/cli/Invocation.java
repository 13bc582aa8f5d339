package dev.raftpad.client.cli;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * How this CLI was started: the name people type to run it (so hints name the command that works
 * here: {@code raftpad}, {@code bin/raftpad}, {@code ./raftpad cli}), and the editor {@code docs
 * edit} opens.
 *
 * @param name set by the launch script as {@code -Draftpad.cli.name} or {@code RAFTPAD_CLI_NAME}
 * @param editor {@code $VISUAL}, else {@code $EDITOR}, else {@code vi}, split into words
 */
record Invocation(String name, List<String> editor) {
  static final String NAME_PROPERTY = "raftpad.cli.name";
  static final String NAME_VARIABLE = "RAFTPAD_CLI_NAME";

  Invocation {
    editor = List.copyOf(editor);
  }

  static Invocation fromEnvironment() {
    return from(System.getProperty(NAME_PROPERTY), System.getenv());
  }

  static Invocation from(String nameProperty, Map<String, String> environment) {
    String name = firstSet(nameProperty, environment.get(NAME_VARIABLE), "raftpad");
    String editor = firstSet(environment.get("VISUAL"), environment.get("EDITOR"), "vi");
    return new Invocation(name, Arrays.asList(editor.trim().split("\\s+", -1)));
  }

  /** {@code name} followed by a command line, as a hint to type. */
  String command(String arguments) {
    return name + " " + arguments;
  }

  private static String firstSet(String... candidates) {
    for (String candidate : candidates) {
      if (candidate != null && !candidate.isBlank()) {
        return candidate.strip();
      }
    }
    throw new IllegalStateException("unreachable: the last candidate is always set");
  }
}
