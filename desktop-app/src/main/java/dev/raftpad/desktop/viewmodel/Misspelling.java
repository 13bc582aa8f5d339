package dev.raftpad.desktop.viewmodel;

import java.util.List;

/**
 * A misspelled word: on {@code line} (0-based) at code points {@code [start, end)} of that line,
 * with up to {@link SpellCheck#SUGGESTIONS} replacements, most likely first. Lines rather than
 * document positions: the view finds a line's words without converting the whole text.
 */
public record Misspelling(int line, int start, int end, String word, List<String> suggestions) {
  public Misspelling {
    suggestions = List.copyOf(suggestions);
  }

  /** Whether {@code column} (code points of the line) is in the word or just after it. */
  public boolean covers(int line, int column) {
    return this.line == line && column >= start && column <= end;
  }
}
