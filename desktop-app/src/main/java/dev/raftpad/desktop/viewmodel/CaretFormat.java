package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;

/**
 * The formatting where the caret is, which the toolbars show (Bold pressed in bold text, the font
 * box saying "serif"): {@code inline} is what text typed next takes, {@code line} the format of the
 * caret's line. Read from the document's runs near the caret, so it costs the length of the line,
 * not of the document — it is read after every caret move and every change.
 */
public record CaretFormat(Attributes inline, Attributes line) {
  public static final CaretFormat NONE = new CaretFormat(Attributes.NONE, Attributes.NONE);

  /** How many code points a look for the line end reads at a time. */
  private static final int CHUNK = 256;

  /**
   * The format at {@code caret}: inline that of the character before it (none at a line start),
   * unless a toolbar command chose what the next typed text takes ({@code typing}, may be null).
   */
  static CaretFormat at(Document document, int caret, Attributes typing) {
    int position = Math.max(0, Math.min(caret, document.length()));
    return new CaretFormat(
        typing != null ? typing : inlineBefore(document, position), lineOf(document, position));
  }

  private static Attributes inlineBefore(Document document, int position) {
    if (position == 0) {
      return Attributes.NONE;
    }
    Run before = document.runs(position - 1, 1).getFirst();
    return before.text().equals("\n")
        ? Attributes.NONE
        : Formatting.inlineOnly(before.attributes());
  }

  /** The attributes of the first line end at or after {@code position}; none without one. */
  private static Attributes lineOf(Document document, int position) {
    for (int from = position; from < document.length(); from += CHUNK) {
      for (Run run : document.runs(from, Math.min(CHUNK, document.length() - from))) {
        if (run.text().indexOf('\n') >= 0) {
          return run.attributes();
        }
      }
    }
    return Attributes.NONE;
  }
}
