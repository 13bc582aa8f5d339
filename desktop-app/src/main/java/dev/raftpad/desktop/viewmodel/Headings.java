package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;

/** The document's outline: its headings in order, where each starts (code points). */
public final class Headings {
  private Headings() {}

  /** A heading line: level 1–3, its text, and the position of its first character. */
  public record Entry(int level, String text, int position) {}

  public static List<Entry> of(Document document) {
    Formatting.Chars chars = Formatting.Chars.of(document);
    int[] cps = chars.codePoints();
    List<Entry> entries = new ArrayList<>();
    int lineStart = 0;
    for (int i = 0; i < cps.length; i++) {
      if (cps[i] == '\n') {
        int level = level(chars.attributes()[i]);
        String text = new String(cps, lineStart, i - lineStart).strip();
        if (level > 0 && !text.isEmpty()) {
          entries.add(new Entry(level, text, lineStart));
        }
        lineStart = i + 1;
      }
    }
    return entries;
  }

  private static int level(Attributes line) {
    Heading h = line.heading();
    if (h == null) {
      return 0;
    }
    return switch (h) {
      case NONE -> 0;
      case H1 -> 1;
      case H2 -> 2;
      case H3 -> 3;
    };
  }
}
