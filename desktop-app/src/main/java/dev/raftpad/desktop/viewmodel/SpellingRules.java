package dev.raftpad.desktop.viewmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which words of a line the spelling checker looks at, in code points (the protocol's positions).
 * Not checked: URLs, e-mail addresses, file and domain names, numbers and words with digits or
 * underscores, ALL-CAPS acronyms, camelCase identifiers, single letters, words in other scripts
 * than Latin, and code (the caller blanks code spans and code blocks out before, see {@link
 * SpellCheck}).
 */
public final class SpellingRules {
  private SpellingRules() {}

  /** Longer runs without a space are not text (and would make the patterns slow). */
  static final int MAX_TOKEN = 100;

  /** A word to look up: code points {@code [start, end)} of its line, and its text. */
  public record Word(int start, int end, String text) {}

  private static final Pattern URL_LIKE =
      Pattern.compile(
          "(?i)^[(\\[<\"'“‘]*(\\p{Alpha}[\\p{Alnum}+.-]*://|www\\.|mailto:).*"
              // e-mail addresses, domains and file names: a letter, a dot, a letter
              + "|.*\\S@\\S.*|.*\\p{L}\\.\\p{L}.*|.*[/\\\\].*");

  /** The words of {@code line} worth checking, left to right. */
  public static List<Word> words(String line) {
    List<Word> words = new ArrayList<>();
    int[] cps = line.codePoints().toArray();
    int i = 0;
    while (i < cps.length) {
      if (Character.isWhitespace(cps[i])) {
        i++;
        continue;
      }
      int tokenStart = i;
      while (i < cps.length && !Character.isWhitespace(cps[i])) {
        i++;
      }
      if (i - tokenStart > MAX_TOKEN) {
        continue; // no word is that long (a hash, base64, a minified line): nothing to flag
      }
      String token = new String(cps, tokenStart, i - tokenStart);
      if (!URL_LIKE.matcher(token).matches()) {
        wordsOfToken(cps, tokenStart, i, words);
      }
    }
    return words;
  }

  /** Splits a token at anything that is not part of a word (hyphens and punctuation). */
  private static void wordsOfToken(int[] cps, int from, int to, List<Word> words) {
    int i = from;
    while (i < to) {
      if (!inWord(cps[i])) {
        i++;
        continue;
      }
      int start = i;
      while (i < to && inWord(cps[i])) {
        i++;
      }
      int end = i;
      // Apostrophes quote as often as they elide: none at either end.
      while (start < end && isApostrophe(cps[start])) {
        start++;
      }
      while (end > start && isApostrophe(cps[end - 1])) {
        end--;
      }
      if (worthChecking(cps, start, end)) {
        words.add(new Word(start, end, new String(cps, start, end - start)));
      }
    }
  }

  private static boolean worthChecking(int[] cps, int start, int end) {
    if (end - start < 2) {
      return false;
    }
    boolean lower = false;
    boolean upperAfterLower = false;
    for (int i = start; i < end; i++) {
      int c = cps[i];
      if (Character.isDigit(c) || c == '_') {
        return false;
      }
      if (Character.isLetter(c) && Character.UnicodeScript.of(c) != Character.UnicodeScript.LATIN) {
        return false; // another script: an English dictionary cannot judge it
      }
      if (Character.isLowerCase(c)) {
        lower = true;
      } else if (Character.isUpperCase(c) && lower) {
        upperAfterLower = true;
      }
    }
    // ALL-CAPS: an acronym; an upper-case letter after a lower-case one: an identifier.
    return lower && !upperAfterLower;
  }

  private static boolean inWord(int c) {
    return Character.isLetterOrDigit(c) || c == '_' || isApostrophe(c) || isMark(c);
  }

  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
  }

  static boolean isApostrophe(int c) {
    return c == '\'' || c == '’';
  }
}
