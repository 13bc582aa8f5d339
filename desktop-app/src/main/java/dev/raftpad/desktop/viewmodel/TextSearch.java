package dev.raftpad.desktop.viewmodel;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a query occurs in a text, in code points (the protocol's positions): the matching rule of
 * Find and replace, pure so it is tested without a window.
 */
public final class TextSearch {
  private TextSearch() {}

  /** A match: code points {@code [start, end)}. */
  public record Match(int start, int end) {
    public Match {
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("empty or negative match " + start + ".." + end);
      }
    }

    public int length() {
      return end - start;
    }
  }

  /** How to match: letter case must agree; the match must be a whole word. */
  public record Options(boolean matchCase, boolean wholeWord) {
    public static final Options DEFAULT = new Options(false, false);
  }

  /**
   * Every non-overlapping occurrence of {@code query} in {@code text}, left to right. Case is
   * compared code point by code point (simple case mapping keeps lengths, so positions stay true);
   * a whole word has no letter, digit or underscore just before or after it.
   */
  public static List<Match> find(String text, String query, Options options) {
    List<Match> matches = new ArrayList<>();
    if (query.isEmpty()) {
      return matches;
    }
    int[] hay = fold(text.codePoints().toArray(), options.matchCase());
    int[] needle = fold(query.codePoints().toArray(), options.matchCase());
    int i = 0;
    while (i + needle.length <= hay.length) {
      if (matchesAt(hay, needle, i)
          && (!options.wholeWord() || isWord(hay, i, i + needle.length))) {
        matches.add(new Match(i, i + needle.length));
        i += needle.length;
      } else {
        i++;
      }
    }
    return matches;
  }

  /**
   * The index of the first match starting at or after {@code position}, wrapping to 0; -1 if none.
   */
  public static int firstAtOrAfter(List<Match> matches, int position) {
    if (matches.isEmpty()) {
      return -1;
    }
    for (int i = 0; i < matches.size(); i++) {
      if (matches.get(i).start() >= position) {
        return i;
      }
    }
    return 0;
  }

  private static int[] fold(int[] codePoints, boolean matchCase) {
    if (!matchCase) {
      for (int i = 0; i < codePoints.length; i++) {
        codePoints[i] = Character.toLowerCase(Character.toUpperCase(codePoints[i]));
      }
    }
    return codePoints;
  }

  private static boolean matchesAt(int[] hay, int[] needle, int at) {
    for (int k = 0; k < needle.length; k++) {
      if (hay[at + k] != needle[k]) {
        return false;
      }
    }
    return true;
  }

  private static boolean isWord(int[] hay, int start, int end) {
    return (start == 0 || !wordChar(hay[start - 1])) && (end == hay.length || !wordChar(hay[end]));
  }

  static boolean wordChar(int codePoint) {
    return Character.isLetterOrDigit(codePoint) || codePoint == '_';
  }
}
