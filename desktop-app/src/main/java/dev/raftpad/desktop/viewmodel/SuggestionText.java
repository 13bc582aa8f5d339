package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.Suggestion;

/** The one place a suggested change is worded, as Google Docs words it on its cards. */
public final class SuggestionText {
  /** Quotes longer than this are shortened with "…". */
  static final int QUOTE_LIMIT = 60;

  private SuggestionText() {}

  /** "Replace “x” with “y”", "Add “y”" or "Delete “x”". */
  public static String sentence(Suggestion s) {
    boolean adds = !s.inserted().isEmpty();
    boolean deletes = !s.deleted().isEmpty();
    if (adds && deletes) {
      return "Replace " + quote(s.deleted()) + " with " + quote(s.inserted());
    }
    if (deletes) {
      return "Delete " + quote(s.deleted());
    }
    return "Add " + quote(s.inserted());
  }

  /** Who made it: the author's name, or "Assistant (asked by Ada)" for the AI's. */
  public static String author(Suggestion s) {
    String name = s.author().map(Users::name).orElse("");
    if (s.byAssistant()) {
      return name.isEmpty() ? "Assistant" : "Assistant (asked by " + name + ")";
    }
    return name.isEmpty() ? "Someone" : name;
  }

  /** Text in curly quotes, line breaks shown as "↵", shortened when long. */
  public static String quote(String text) {
    String shown = text.replace("\n", "↵");
    int cps = shown.codePointCount(0, shown.length());
    if (cps > QUOTE_LIMIT) {
      shown = shown.substring(0, shown.offsetByCodePoints(0, QUOTE_LIMIT - 1)) + "…";
    }
    return "“" + shown + "”";
  }
}
