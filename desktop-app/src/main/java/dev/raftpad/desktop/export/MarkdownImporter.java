package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.FormatValues;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Markdown as the content of a new document: ATX headings ({@code #} to {@code ###}, deeper
 * ones as level 3), bulleted, numbered and task lists ({@code - [ ]}, {@code - [x]}) with their
 * nesting as the indent, quotes, fenced code blocks, and inline {@code **bold**}, {@code *italic*},
 * {@code ~~strikethrough~~}, {@code `code`}, {@code [links](https://…)}, {@code <u>} and {@code
 * <mark>}. What this exporter writes, it reads back; other Markdown degrades to plain text.
 */
public final class MarkdownImporter {
  private MarkdownImporter() {}

  private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*)");
  private static final Pattern TASK = Pattern.compile("( *)[-*+]\\s+\\[([ xX])]\\s+(.*)");
  private static final Pattern BULLET = Pattern.compile("( *)[-*+]\\s+(.*)");
  private static final Pattern NUMBER = Pattern.compile("( *)\\d{1,9}[.)]\\s+(.*)");
  private static final Pattern LINK =
      Pattern.compile("\\[([^\\]]*)]\\(((?:https?://|mailto:)[^)\\s]+)\\)");

  /** The yellow a {@code <mark>} gets, as the editor's highlight picker offers it. */
  static final String MARK = "#ffff00";

  public static Operation read(String markdown) {
    OperationBuilder b = Operation.builder();
    boolean fenced = false;
    String all = PlainTextImporter.clean(markdown);
    if (all.endsWith("\n")) {
      // The last line's line end, not the start of another line.
      all = all.substring(0, all.length() - 1);
    }
    for (String line : all.split("\n", -1)) {
      if (line.strip().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        if (!line.isEmpty()) {
          b.insert(line);
        }
        b.insert("\n", Attributes.builder().codeBlock(true).build());
        continue;
      }
      Attributes.Builder block = Attributes.builder();
      String text = line;
      if (text.startsWith(">")) {
        block.quote(true);
        text = text.substring(1).stripLeading();
      }
      Matcher heading = HEADING.matcher(text);
      Matcher task = TASK.matcher(text);
      Matcher bullet = BULLET.matcher(text);
      Matcher number = NUMBER.matcher(text);
      if (heading.matches()) {
        int level = heading.group(1).length();
        block.heading(level == 1 ? Heading.H1 : level == 2 ? Heading.H2 : Heading.H3);
        text = heading.group(2);
      } else if (task.matches()) {
        block.list(task.group(2).isBlank() ? ListKind.UNCHECKED : ListKind.CHECKED);
        indent(block, task.group(1), 2);
        text = task.group(3);
      } else if (bullet.matches()) {
        block.list(ListKind.BULLET);
        indent(block, bullet.group(1), 2);
        text = bullet.group(2);
      } else if (number.matches()) {
        block.list(ListKind.NUMBERED);
        indent(block, number.group(1), 3);
        text = number.group(2);
      }
      inline(text, b);
      b.insert("\n", block.build());
    }
    return b.build();
  }

  private static void indent(Attributes.Builder block, String spaces, int perLevel) {
    int level = Math.min(spaces.length() / perLevel, FormatValues.MAX_INDENT);
    if (level > 0) {
      block.indent(level);
    }
  }

  /** The inline markers of one line, as formatted inserts. */
  static void inline(String line, OperationBuilder b) {
    boolean bold = false;
    boolean italic = false;
    boolean strike = false;
    boolean underline = false;
    boolean mark = false;
    StringBuilder text = new StringBuilder();
    int i = 0;
    while (i < line.length()) {
      char c = line.charAt(i);
      String rest = line.substring(i);
      Attributes now = style(bold, italic, strike, underline, mark, null, false);
      if (c == '\\' && i + 1 < line.length()) {
        text.append(line.charAt(i + 1));
        i += 2;
        continue;
      }
      Matcher link = LINK.matcher(rest);
      if (c == '[' && link.lookingAt()) {
        flush(text, now, b);
        b.insert(
            link.group(1).isEmpty() ? link.group(2) : link.group(1),
            style(bold, italic, strike, underline, mark, link.group(2), false));
        i += link.end();
        continue;
      }
      if (c == '`') {
        int close = line.indexOf('`', i + 1);
        if (close > i + 1) {
          flush(text, now, b);
          b.insert(
              line.substring(i + 1, close),
              style(bold, italic, strike, underline, mark, null, true));
          i = close + 1;
          continue;
        }
      }
      String marker =
          rest.startsWith("**")
              ? "**"
              : rest.startsWith("~~")
                  ? "~~"
                  : rest.startsWith("<u>") || rest.startsWith("</u>")
                      ? rest.substring(0, rest.indexOf('>') + 1)
                      : rest.startsWith("<mark>") || rest.startsWith("</mark>")
                          ? rest.substring(0, rest.indexOf('>') + 1)
                          : c == '*' ? "*" : "";
      boolean on =
          switch (marker) {
            case "**" -> bold;
            case "~~" -> strike;
            case "*" -> italic;
            default -> false;
          };
      // An opening marker counts only if it closes later on the line.
      boolean closes =
          marker.startsWith("</")
              || on
              || (!marker.isEmpty() && line.indexOf(closing(marker), i + marker.length()) >= 0);
      if (!marker.isEmpty() && closes) {
        flush(text, now, b);
        switch (marker) {
          case "**" -> bold = !bold;
          case "~~" -> strike = !strike;
          case "*" -> italic = !italic;
          case "<u>" -> underline = true;
          case "</u>" -> underline = false;
          case "<mark>" -> mark = true;
          case "</mark>" -> mark = false;
          default -> {}
        }
        i += marker.length();
        continue;
      }
      text.append(c);
      i++;
    }
    flush(text, style(bold, italic, strike, underline, mark, null, false), b);
  }

  private static String closing(String marker) {
    return marker.startsWith("<") && !marker.startsWith("</") ? "</" + marker.substring(1) : marker;
  }

  private static void flush(StringBuilder text, Attributes style, OperationBuilder b) {
    if (!text.isEmpty()) {
      b.insert(text.toString(), style);
      text.setLength(0);
    }
  }

  private static Attributes style(
      boolean bold,
      boolean italic,
      boolean strike,
      boolean underline,
      boolean mark,
      String link,
      boolean code) {
    Attributes.Builder a = Attributes.builder();
    if (bold) {
      a.bold(true);
    }
    if (italic) {
      a.italic(true);
    }
    if (strike) {
      a.strikethrough(true);
    }
    if (underline) {
      a.underline(true);
    }
    if (mark) {
      a.highlight(MARK);
    }
    if (link != null) {
      a.link(link);
    }
    if (code) {
      a.code(true);
    }
    return a.build();
  }
}
