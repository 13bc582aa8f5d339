package dev.raftpad.llm.engine;

import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps user text from smuggling control tokens into a prompt. llama.cpp tokenizes prompts with
 * special tokens parsed (the chat template's markers must become control tokens), so a document
 * containing {@code <|im_end|>} or {@code </s>} would otherwise end the user's turn early. Each
 * such literal gets an invisible WORD JOINER (U+2060) after its first character, which the
 * tokenizer reads as ordinary text.
 */
final class ControlTokenGuard {
  private static final String WORD_JOINER = "\u2060";

  private final Pattern literals;

  ControlTokenGuard(Set<String> controlTokens) {
    String alternatives =
        controlTokens.stream()
            .filter(token -> token.length() > 1)
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote)
            .collect(Collectors.joining("|"));
    this.literals = alternatives.isEmpty() ? null : Pattern.compile(alternatives);
  }

  /** {@code text} with every control-token literal broken up. */
  String defuse(String text) {
    if (literals == null) {
      return text;
    }
    Matcher matcher = literals.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String literal = matcher.group();
      int firstCharEnd = literal.offsetByCodePoints(0, 1);
      matcher.appendReplacement(
          out,
          Matcher.quoteReplacement(
              literal.substring(0, firstCharEnd) + WORD_JOINER + literal.substring(firstCharEnd)));
    }
    matcher.appendTail(out);
    return out.toString();
  }
}
