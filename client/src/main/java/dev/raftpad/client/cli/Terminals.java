package dev.raftpad.client.cli;

import java.io.Console;
import java.lang.reflect.Method;

/** Whether a person is at a terminal: decides prompts, line editing and progress bars. */
final class Terminals {
  private Terminals() {}

  /**
   * The console when standard input and output are a terminal, else null. Since JDK 22 {@code
   * System.console()} is never null, so {@code Console.isTerminal()} (absent from the release-21
   * API we compile against, hence reflection) tells the real answer when it exists.
   */
  @SuppressWarnings("SystemConsoleNull") // handled: isTerminal() is asked where it exists
  static Console interactive() {
    Console console = System.console();
    if (console == null) {
      return null;
    }
    try {
      Method isTerminal = Console.class.getMethod("isTerminal");
      return (Boolean) isTerminal.invoke(console) ? console : null;
    } catch (NoSuchMethodException e) {
      return console; // JDK 21: a non-null console is a terminal
    } catch (ReflectiveOperationException e) {
      return null;
    }
  }
}
