package dev.raftpad.desktop.view;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.List;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * How formatting looks: attributes to inline CSS for the text area. Block formats (read from each
 * line's line end) style the whole line. Span lengths are those of Java strings, the area's own
 * unit, so no position conversion happens here.
 */
final class RichStyles {
  private RichStyles() {}

  /** The line-end attributes of every paragraph (the last one, without a line end, gets none). */
  static List<Attributes> lineFormats(Document document) {
    List<Attributes> lines = new ArrayList<>();
    for (Run run : document.runs()) {
      run.text().chars().filter(c -> c == '\n').forEach(c -> lines.add(run.attributes()));
    }
    lines.add(Attributes.NONE);
    return lines;
  }

  /** Styles for the whole text, or empty for an empty document. */
  static StyleSpans<String> spans(Document document, List<Attributes> lines) {
    StyleSpansBuilder<String> b = new StyleSpansBuilder<>();
    int line = 0;
    boolean any = false;
    for (Run run : document.runs()) {
      String text = run.text();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          b.add(inline(run.attributes()) + block(lines.get(line)), i + 1 - start);
          any = true;
          start = i + 1;
          line++;
        }
      }
      if (start < text.length()) {
        b.add(inline(run.attributes()) + block(lines.get(line)), text.length() - start);
        any = true;
      }
    }
    return any ? b.create() : null;
  }

  static String inline(Attributes a) {
    StringBuilder css = new StringBuilder();
    if (is(a.bold())) {
      css.append("-fx-font-weight: bold;");
    }
    if (is(a.italic())) {
      css.append("-fx-font-style: italic;");
    }
    if (is(a.underline())) {
      css.append("-fx-underline: true;");
    }
    if (is(a.strikethrough())) {
      css.append("-fx-strikethrough: true;");
    }
    if (is(a.code())) {
      css.append("-fx-font-family: monospace; -rtfx-background-color: rgba(128,128,128,0.25);");
    }
    if (a.link() != null && !a.link().isEmpty()) {
      css.append("-fx-fill: #3b82f6; -fx-underline: true;");
    } else if (a.color() != null && !a.color().isEmpty()) {
      css.append("-fx-fill: ").append(a.color()).append(';');
    }
    return css.toString();
  }

  /** The style a line's format gives every character of the line. */
  static String block(Attributes a) {
    StringBuilder css = new StringBuilder();
    if (a.heading() != null && a.heading() != Heading.NONE) {
      css.append(
          switch (a.heading()) {
            case H1 -> "-fx-font-size: 2em; -fx-font-weight: bold;";
            case H2 -> "-fx-font-size: 1.6em; -fx-font-weight: bold;";
            case H3 -> "-fx-font-size: 1.3em; -fx-font-weight: bold;";
            case NONE -> "";
          });
    }
    if (is(a.quote())) {
      css.append("-fx-font-style: italic; -fx-opacity: 0.8;");
    }
    if (is(a.codeBlock())) {
      css.append("-fx-font-family: monospace;");
    }
    return css.toString();
  }

  /** The paragraph's own style: indentation for lists and quotes. */
  static String paragraph(Attributes a) {
    if (a.list() != null && a.list() != ListKind.NONE) {
      return "-fx-padding: 0 0 0 8;";
    }
    if (is(a.quote())) {
      return "-fx-border-color: transparent transparent transparent #9ca3af;"
          + " -fx-border-width: 0 0 0 3; -fx-padding: 0 0 0 10;";
    }
    if (is(a.codeBlock())) {
      return "-fx-background-color: rgba(128,128,128,0.15);";
    }
    return "";
  }

  /** The marker shown before a list line ("•", "3."), or empty. */
  static String marker(List<Attributes> lines, int paragraph) {
    if (paragraph >= lines.size()) {
      return "";
    }
    ListKind kind = lines.get(paragraph).list();
    if (kind == ListKind.BULLET) {
      return "•";
    }
    if (kind == ListKind.NUMBERED) {
      int n = 1;
      for (int p = paragraph - 1; p >= 0 && lines.get(p).list() == ListKind.NUMBERED; p--) {
        n++;
      }
      return n + ".";
    }
    return "";
  }

  private static boolean is(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
