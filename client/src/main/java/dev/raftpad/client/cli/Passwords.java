package dev.raftpad.client.cli;

import java.io.Console;
import java.io.IOException;

/** Reads a password without echoing it, or from stdin for scripts ({@code --password-stdin}). */
final class Passwords {
  private Passwords() {}

  static String read(CliRuntime runtime, boolean fromStdin, String prompt) throws IOException {
    if (fromStdin) {
      String line = runtime.in.readLine();
      if (line == null || line.isEmpty()) {
        throw new IllegalArgumentException("--password-stdin: no password on standard input");
      }
      return line;
    }
    Console console = runtime.terminal ? Terminals.interactive() : null;
    if (console == null) {
      throw new IllegalArgumentException(
          "no terminal to ask for the password on; pass it on standard input with"
              + " --password-stdin");
    }
    char[] password = console.readPassword("%s", prompt);
    if (password == null || password.length == 0) {
      throw new IllegalArgumentException("no password given");
    }
    return new String(password);
  }
}
