package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.desktop.viewmodel.Highlight;
import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.fxmisc.richtext.model.ReadOnlyStyledDocument;
import org.fxmisc.richtext.model.ReadOnlyStyledDocumentBuilder;
import org.fxmisc.richtext.model.SegmentOps;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;
import org.fxmisc.richtext.model.StyledSegment;

/**
 * How formatting looks: attributes to inline CSS for the text area. Block formats (read from each
 * line's line end) style the whole line. Span lengths are those of Java strings, the area's own
 * unit, so no position conversion happens here.
 */
final class RichStyles {
  private RichStyles() {}

  /** The line-end attributes of every paragraph (the last one, without a line end, gets none). */
  static List<Attributes> lineFormats(Document document) {
    return lineFormats(document.runs(), document.lineCount());
  }

  private static List<Attributes> lineFormats(List<Run> runs, int lines) {
    List<Attributes> formats = new ArrayList<>(lines);
    for (Run run : runs) {
      String text = run.text();
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        formats.add(run.attributes());
      }
    }
    while (formats.size() < lines) {
      formats.add(Attributes.NONE); // the document's last line has no line end
    }
    return formats;
  }

  /** How the area's segments are made: text, and an image character. */
  interface Segments<SEG> {
    SegmentOps<SEG, String> ops();

    SEG text(String text);

    /** The segment of one image character (U+FFFC) showing image {@code id}. */
    SEG image(String id);
  }

  /**
   * The whole document as RichTextFX's styled document, text styles, paragraph styles and images in
   * place: what the area shows after one replace. (Building it and replacing once is far cheaper
   * than inserting the text and then styling it span by span and paragraph by paragraph, each a
   * change the area reports.)
   */
  static <SEG> ReadOnlyStyledDocument<String, SEG, String> styledDocument(
      Document document, Map<String, SuggestionLook> looks, Segments<SEG> segments) {
    List<Run> runs = document.runs();
    List<Attributes> formats = lineFormats(runs, document.lineCount());
    var b = new ReadOnlyStyledDocumentBuilder<String, SEG, String>(segments.ops(), "");
    List<StyledSegment<SEG, String>> paragraph = new ArrayList<>();
    int line = 0;
    for (Run run : runs) {
      String text = run.text();
      String look = inline(run.attributes()) + suggestion(run.attributes(), looks);
      String image = run.attributes().image();
      int from = 0;
      while (true) {
        int end = text.indexOf('\n', from);
        int to = end < 0 ? text.length() : end;
        String style = look + block(formats.get(line));
        if (present(image)) {
          for (int i = from; i < to; i = text.offsetByCodePoints(i, 1)) {
            int cp = text.codePointAt(i);
            paragraph.add(
                new StyledSegment<>(
                    cp == IMAGE ? segments.image(image) : segments.text(Character.toString(cp)),
                    style));
          }
        } else if (to > from) {
          paragraph.add(new StyledSegment<>(segments.text(text.substring(from, to)), style));
        }
        if (end < 0) {
          break;
        }
        finish(b, paragraph, formats.get(line), segments);
        paragraph = new ArrayList<>();
        line++;
        from = end + 1;
      }
    }
    finish(b, paragraph, formats.get(line), segments);
    return b.build();
  }

  private static final int IMAGE = Images.CHARACTER.codePointAt(0);

  private static <SEG> void finish(
      ReadOnlyStyledDocumentBuilder<String, SEG, String> b,
      List<StyledSegment<SEG, String>> paragraph,
      Attributes format,
      Segments<SEG> segments) {
    if (paragraph.isEmpty()) {
      paragraph.add(new StyledSegment<>(segments.text(""), block(format)));
    }
    var unused = b.addParagraph(paragraph, paragraph(format));
  }

  /** The assistant's suggestions: one colour of their own, never a person's. */
  static final String ASSISTANT_COLOR = "#8250df";

  /** A suggestion whose author is not known yet. */
  static final String UNKNOWN_COLOR = "#6e7781";

  /** How a suggestion's marks look: its author's colour, or the assistant's style. */
  record SuggestionLook(String color, boolean assistant) {}

  /** The look of every suggestion, by id, from the session's suggestions. */
  static Map<String, SuggestionLook> looks(
      List<Suggestion> suggestions, java.util.function.Function<User, String> colours) {
    Map<String, SuggestionLook> looks = new HashMap<>();
    for (Suggestion s : suggestions) {
      looks.put(
          s.id(),
          s.byAssistant()
              ? new SuggestionLook(ASSISTANT_COLOR, true)
              : new SuggestionLook(s.author().map(colours).orElse(UNKNOWN_COLOR), false));
    }
    return looks;
  }

  /**
   * Lines [first, last] of a document, styled: the spans over their text (UTF-16 lengths, the
   * area's unit; null when the lines are empty) starting at code point {@code start}, and each
   * line's block format (from its line end; none for the last line).
   */
  record StyledLines(
      int first,
      int start,
      StyleSpans<String> spans,
      List<Attributes> formats,
      List<ImageAt> images) {}

  /** An image character (U+FFFC with an image attribute) at a code-point position. */
  record ImageAt(int position, String id) {}

  /** Styles lines [first, last] of {@code document}, reading only their runs. */
  static StyledLines lines(
      Document document, int first, int last, Map<String, SuggestionLook> looks) {
    int start = document.lineStart(first);
    int end = last + 1 < document.lineCount() ? document.lineStart(last + 1) : document.length();
    List<Run> runs = document.runs(start, end - start);
    List<Attributes> formats = new ArrayList<>(last - first + 1);
    for (Run run : runs) {
      String text = run.text();
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
        formats.add(run.attributes());
      }
    }
    while (formats.size() < last - first + 1) {
      formats.add(Attributes.NONE); // the document's last line has no line end
    }
    StyleSpansBuilder<String> b = new StyleSpansBuilder<>();
    List<ImageAt> images = new ArrayList<>();
    int line = 0;
    int position = start;
    boolean any = false;
    for (Run run : runs) {
      String text = run.text();
      String image = run.attributes().image();
      if (image != null && !image.isEmpty()) {
        int at = position;
        for (int cp : text.codePoints().toArray()) {
          if (cp == Images.CHARACTER.codePointAt(0)) {
            images.add(new ImageAt(at, image));
          }
          at++;
        }
      }
      position += text.codePointCount(0, text.length());
      String look = inline(run.attributes()) + suggestion(run.attributes(), looks);
      int from = 0;
      for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', from)) {
        b.add(look + block(formats.get(line)), i + 1 - from);
        any = true;
        from = i + 1;
        line++;
      }
      if (from < text.length()) {
        b.add(look + block(formats.get(line)), text.length() - from);
        any = true;
      }
    }
    return new StyledLines(first, start, any ? b.create() : null, formats, images);
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
    if (present(a.fontFamily())) {
      // The allowed families are CSS generic names, which JavaFX CSS understands as they are.
      css.append("-fx-font-family: ").append(a.fontFamily()).append(';');
    }
    if (a.fontSize() != null && a.fontSize() > 0) {
      css.append("-fx-font-size: ").append(a.fontSize()).append("pt;");
    }
    if (present(a.highlight())) {
      css.append("-rtfx-background-color: ").append(a.highlight()).append(';');
    }
    if (a.link() != null && !a.link().isEmpty()) {
      css.append("-fx-fill: #3b82f6; -fx-underline: true;");
    } else if (a.color() != null && !a.color().isEmpty()) {
      css.append("-fx-fill: ").append(a.color()).append(';');
    }
    return css.toString();
  }

  /**
   * The one place suggestion marks become CSS (it comes last, so it wins over the text's colour): a
   * suggested insertion in its author's colour, underlined; a suggested deletion struck through in
   * its author's colour; the assistant's in its own purple on a tinted background, the underline
   * dashed.
   */
  static String suggestion(Attributes a, Map<String, SuggestionLook> looks) {
    String inserting = a.suggestedInsert();
    String deleting = a.suggestedDelete();
    boolean inserts = inserting != null && !inserting.isEmpty();
    boolean deletes = deleting != null && !deleting.isEmpty();
    if (!inserts && !deletes) {
      return "";
    }
    // A deletion proposed over a suggested insertion is drawn as the deletion.
    SuggestionLook look =
        looks.getOrDefault(
            deletes ? deleting : inserting, new SuggestionLook(UNKNOWN_COLOR, false));
    StringBuilder css = new StringBuilder("-fx-fill: ").append(look.color()).append(';');
    if (deletes) {
      css.append("-fx-strikethrough: true; -fx-underline: false;");
    } else {
      css.append("-fx-underline: true;")
          .append("-rtfx-underline-color: ")
          .append(look.color())
          .append("; -rtfx-underline-width: 1.5;");
    }
    if (look.assistant()) {
      css.append("-rtfx-background-color: rgba(130,80,223,0.14);");
      if (!deletes) {
        css.append("-rtfx-underline-dash-array: 3 2;");
      }
    }
    return css.toString();
  }

  /** Background of a commented range, and of the active card's range. */
  static final String COMMENTED = "-rtfx-background-color: rgba(234,179,8,0.22);";

  static final String ACTIVE = "-rtfx-background-color: rgba(234,179,8,0.55);";

  /**
   * {@code base} (the styles of {@code document}'s code points from {@code start} on) with the
   * comment highlights (code points of the document) laid over it.
   */
  static StyleSpans<String> highlight(
      StyleSpans<String> base, Document document, int start, List<Highlight> highlights) {
    if (highlights.isEmpty()) {
      return base;
    }
    int offset = document.toUtf16(start);
    int length = base.length();
    byte[] level = null;
    for (Highlight h : highlights) {
      int from = document.toUtf16(Math.min(h.start(), document.length())) - offset;
      int to = document.toUtf16(Math.min(h.end(), document.length())) - offset;
      from = Math.max(0, from);
      to = Math.min(length, to);
      if (from >= to) {
        continue;
      }
      if (level == null) {
        level = new byte[length];
      }
      byte l = (byte) (h.active() ? 2 : 1);
      for (int i = from; i < to; i++) {
        level[i] = (byte) Math.max(level[i], l);
      }
    }
    if (level == null) {
      return base;
    }
    StyleSpansBuilder<String> b = new StyleSpansBuilder<>();
    int from = 0;
    for (int i = 1; i <= length; i++) {
      if (i == length || level[i] != level[from]) {
        b.add(level[from] == 2 ? ACTIVE : level[from] == 1 ? COMMENTED : "", i - from);
        from = i;
      }
    }
    return base.overlay(b.create(), (a, over) -> a + over);
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

  /** The editor's base font size in px (raftpad.css), which line spacing is a multiple of. */
  static final double BASE_FONT_PX = 14;

  /** One indent level, in px. */
  static final int INDENT_PX = 24;

  /**
   * The paragraph's own style (RichTextFX puts it on the line's TextFlow): space above headings,
   * indentation for lists, quotes and indent levels, alignment, line spacing.
   */
  static String paragraph(Attributes a) {
    StringBuilder css = new StringBuilder();
    int left = a.indent() == null ? 0 : a.indent() * INDENT_PX;
    if (a.list() != null && a.list() != ListKind.NONE) {
      left += 8;
    } else if (is(a.quote())) {
      css.append("-fx-border-color: transparent transparent transparent #9ca3af;")
          .append(" -fx-border-width: 0 0 0 3;");
      left += 10;
    } else if (is(a.codeBlock())) {
      css.append("-fx-background-color: rgba(128,128,128,0.15);");
    }
    int above = spaceAbove(a.heading());
    if (left > 0 || above > 0) {
      css.append("-fx-padding: ")
          .append(above)
          .append(' ')
          .append(0)
          .append(' ')
          .append(above / 3)
          .append(' ')
          .append(left)
          .append(';');
    }
    if (a.align() != null && a.align() != Alignment.NONE) {
      css.append("-fx-text-alignment: ")
          .append(a.align().name().toLowerCase(Locale.ROOT))
          .append(';');
    }
    if (a.lineSpacing() != null && a.lineSpacing().factor() > 1) {
      // TextFlow spaces lines by extra pixels, not by a factor.
      css.append("-fx-line-spacing: ")
          .append(Math.round((a.lineSpacing().factor() - 1) * BASE_FONT_PX))
          .append("px;");
    }
    return css.toString();
  }

  /**
   * Space above a heading, in px (a third of it below), as word processors set headings off from
   * the text before them; none for other lines.
   */
  static int spaceAbove(Heading heading) {
    if (heading == null) {
      return 0;
    }
    return switch (heading) {
      case H1 -> 18;
      case H2 -> 14;
      case H3 -> 10;
      case NONE -> 0;
    };
  }

  /** Whether line {@code paragraph} is a checklist item (its marker is a checkbox). */
  static boolean isChecklist(List<Attributes> lines, int paragraph) {
    return paragraph < lines.size()
        && lines.get(paragraph).list() != null
        && lines.get(paragraph).list().isChecklist();
  }

  /** The marker shown before a list line ("•", "3.", "☐", "☑"), or empty. */
  static String marker(List<Attributes> lines, int paragraph) {
    if (paragraph >= lines.size()) {
      return "";
    }
    ListKind kind = lines.get(paragraph).list();
    if (kind == ListKind.BULLET) {
      return "•";
    }
    if (kind == ListKind.UNCHECKED) {
      return "☐";
    }
    if (kind == ListKind.CHECKED) {
      return "☑";
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

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }

  private static boolean is(Boolean b) {
    return Boolean.TRUE.equals(b);
  }
}
