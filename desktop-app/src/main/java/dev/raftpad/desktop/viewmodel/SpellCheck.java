package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Finds the misspelled words of a document (pure; runs off the FX thread). Work is per line and
 * remembered: a line whose checkable text was seen before costs a map look-up, so after an edit
 * only the lines it touched go to the dictionary. Code spans, code blocks and text a suggestion
 * proposes to delete are blanked out first, so nothing in them is flagged.
 */
public final class SpellCheck {
  /** At most this many suggestions per word (the context menu's length). */
  public static final int SUGGESTIONS = 5;

  private static final int MAX_REMEMBERED = 10_000;

  /** What the dictionary says of a word. */
  public interface Dictionary {
    boolean knows(String word);

    List<String> suggestions(String word, int max);
  }

  /** A line's misspelled words (columns of the line), remembered by the line's checkable text. */
  private record Found(int start, int end, String word, List<String> suggestions) {}

  private final Dictionary dictionary;
  private final Predicate<String> accepted;
  private Map<String, List<Found>> byLine = new HashMap<>();

  /** Suggestions by word: a word misspelled on many lines is looked up once. */
  private final Map<String, List<String>> suggestions = new HashMap<>();

  /**
   * @param accepted words the user added to their dictionary or ignored (fixed for this instance: a
   *     new word means a new {@code SpellCheck})
   */
  public SpellCheck(Dictionary dictionary, Predicate<String> accepted) {
    this.dictionary = dictionary;
    this.accepted = accepted;
  }

  /** The misspellings of {@code document}, line by line. Not thread-safe: one call at a time. */
  public List<Misspelling> check(Document document) {
    Map<String, List<Found>> seen = new HashMap<>();
    List<Misspelling> out = new ArrayList<>();
    int[] line = {0};
    forEachLine(
        document,
        text -> {
          List<Found> found = seen.get(text);
          if (found == null) {
            found = byLine.get(text);
            if (found == null) {
              found = checkLine(text);
            }
            seen.put(text, found);
          }
          for (Found f : found) {
            out.add(new Misspelling(line[0], f.start(), f.end(), f.word(), f.suggestions()));
          }
          line[0]++;
        });
    // Only the lines of this document are kept: the memory follows the document, not its history.
    byLine = seen;
    return out;
  }

  private List<Found> checkLine(String text) {
    List<Found> found = new ArrayList<>();
    for (SpellingRules.Word w : SpellingRules.words(text)) {
      if (!accepted.test(w.text()) && !dictionary.knows(w.text())) {
        if (suggestions.size() > MAX_REMEMBERED) {
          suggestions.clear();
        }
        List<String> replacements =
            suggestions.computeIfAbsent(
                w.text(), word -> List.copyOf(dictionary.suggestions(word, SUGGESTIONS)));
        found.add(new Found(w.start(), w.end(), w.text(), replacements));
      }
    }
    return List.copyOf(found);
  }

  /**
   * Hands each line's checkable text to {@code line}, in order: its code points, with those of
   * inline code and of suggested deletions replaced by spaces (positions stay true); a code block's
   * line is empty.
   */
  static void forEachLine(Document document, java.util.function.Consumer<String> line) {
    StringBuilder current = new StringBuilder();
    for (Run run : document.runs()) {
      // Text a suggestion proposes to delete is not read: "cat" struck out beside a suggested
      // "dog" is two words, not the misspelling "catdog".
      String deleting = run.attributes().suggestedDelete();
      boolean code =
          Boolean.TRUE.equals(run.attributes().code()) || (deleting != null && !deleting.isEmpty());
      String text = run.text();
      for (int i = 0; i < text.length(); ) {
        int c = text.codePointAt(i);
        i += Character.charCount(c);
        if (c == '\n') {
          // A line's block format sits on its line end.
          boolean codeBlock = Boolean.TRUE.equals(run.attributes().codeBlock());
          line.accept(codeBlock ? "" : current.toString());
          current.setLength(0);
        } else if (code) {
          current.append(' ');
        } else {
          current.appendCodePoint(c);
        }
      }
    }
    if (!current.isEmpty()) {
      line.accept(current.toString());
    }
  }
}
