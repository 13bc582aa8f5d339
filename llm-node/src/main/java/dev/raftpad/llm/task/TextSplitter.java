package dev.raftpad.llm.task;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a text into chunks of at most a given number of tokens, at the most natural boundary that
 * works: paragraphs, then lines, sentences, words, and as a last resort inside a word. Chunks are
 * packed greedily, and they concatenate back to exactly the original text (separators stay with the
 * piece before them).
 */
public final class TextSplitter {
  // Each boundary is the end of a match: a piece keeps the separator that follows it.
  private static final List<Pattern> BOUNDARIES =
      List.of(
          Pattern.compile("\\n[ \\t]*\\n\\s*"), // paragraphs
          Pattern.compile("\\n"), // lines
          Pattern.compile("[.!?\u2026]+[\"')\\]]*\\s+"), // sentences
          Pattern.compile("\\s+")); // words

  private final ToIntFunction<String> tokenCount;

  /** A splitter measuring with {@code tokenCount} (the model's tokenizer). */
  public TextSplitter(ToIntFunction<String> tokenCount) {
    this.tokenCount = tokenCount;
  }

  /**
   * Chunks of at most {@code maxTokens} tokens each, in order, that concatenate to {@code text}.
   */
  public List<String> split(String text, int maxTokens) {
    if (maxTokens < 1) {
      throw new IllegalArgumentException("maxTokens must be positive: " + maxTokens);
    }
    List<String> pieces = new ArrayList<>();
    cut(text, 0, maxTokens, pieces);
    return pack(pieces, maxTokens);
  }

  private void cut(String text, int level, int maxTokens, List<String> out) {
    if (text.isEmpty()) {
      return;
    }
    if (tokenCount.applyAsInt(text) <= maxTokens) {
      out.add(text);
      return;
    }
    if (level == BOUNDARIES.size()) {
      cutInsideWord(text, maxTokens, out);
      return;
    }
    List<String> units = units(text, BOUNDARIES.get(level));
    for (String unit : units) {
      cut(unit, level + 1, maxTokens, out);
    }
  }

  private static List<String> units(String text, Pattern boundary) {
    List<String> units = new ArrayList<>();
    Matcher matcher = boundary.matcher(text);
    int start = 0;
    while (matcher.find()) {
      if (matcher.end() > start && matcher.end() < text.length()) {
        units.add(text.substring(start, matcher.end()));
        start = matcher.end();
      }
    }
    units.add(text.substring(start));
    return units;
  }

  // The longest prefix that fits, found by binary search over code points, then the rest.
  private void cutInsideWord(String text, int maxTokens, List<String> out) {
    String rest = text;
    while (!rest.isEmpty()) {
      int codePoints = rest.codePointCount(0, rest.length());
      int low = 1;
      int high = codePoints;
      while (low < high) {
        int middle = (low + high + 1) / 2;
        if (tokenCount.applyAsInt(prefix(rest, middle)) <= maxTokens) {
          low = middle;
        } else {
          high = middle - 1;
        }
      }
      String piece = prefix(rest, low); // at least one code point, so this always progresses
      out.add(piece);
      rest = rest.substring(piece.length());
    }
  }

  private static String prefix(String text, int codePoints) {
    return text.substring(0, text.offsetByCodePoints(0, codePoints));
  }

  private List<String> pack(List<String> pieces, int maxTokens) {
    List<String> chunks = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String piece : pieces) {
      if (!current.isEmpty() && tokenCount.applyAsInt(current + piece) > maxTokens) {
        chunks.add(current.toString());
        current.setLength(0);
      }
      current.append(piece);
    }
    if (!current.isEmpty()) {
      chunks.add(current.toString());
    }
    return chunks;
  }
}
