package dev.raftpad.desktop.viewmodel;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.List;

/** The document's outline: its headings in order, where each starts (code points). */
public final class Headings {
  private Headings() {}

  /** A heading line: level 1–3, its text, and the position of its first character. */
  public record Entry(int level, String text, int position) {}

  /**
   * The headings of {@code document}. Reads the runs for line ends and only the heading lines' text
   * (no whole-text copy: this runs after every change, also in a large document).
   */
  public static List<Entry> of(Document document) {
    List<Entry> entries = new ArrayList<>();
    int line = 0;
    for (Run run : document.runs()) {
      String text = run.text();
      int level = level(run.attributes());
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        if (level > 0) {
          int start = document.lineStart(line);
          int end = document.lineStart(line + 1) - 1;
          String heading = document.text(start, end - start).strip();
          if (!heading.isEmpty()) {
            entries.add(new Entry(level, heading, start));
          }
        }
        line++;
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
