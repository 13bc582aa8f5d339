package dev.raftpad.desktop.view;

import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.desktop.viewmodel.Highlight;
import dev.raftpad.desktop.viewmodel.Users;
import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

  /** The assistant's suggestions: one colour of their own, never a person's. */
  static final String ASSISTANT_COLOR = "#8250df";

  /** A suggestion whose author is not known yet. */
  static final String UNKNOWN_COLOR = "#6e7781";

  /** How a suggestion's marks look: its author's colour, or the assistant's style. */
  record SuggestionLook(String color, boolean assistant) {}

  /** The look of every suggestion, by id, from the session's suggestions. */
  static Map<String, SuggestionLook> looks(List<Suggestion> suggestions) {
    Map<String, SuggestionLook> looks = new HashMap<>();
    for (Suggestion s : suggestions) {
      looks.put(
          s.id(),
          s.byAssistant()
              ? new SuggestionLook(ASSISTANT_COLOR, true)
              : new SuggestionLook(s.author().map(Users::color).orElse(UNKNOWN_COLOR), false));
    }
    return looks;
  }

  /** Styles for the whole text without suggestion looks (tests, previews). */
  static StyleSpans<String> spans(Document document, List<Attributes> lines) {
    return spans(document, lines, Map.of());
  }

  /** Styles for the whole text, or empty for an empty document. */
  static StyleSpans<String> spans(
      Document document, List<Attributes> lines, Map<String, SuggestionLook> looks) {
    StyleSpansBuilder<String> b = new StyleSpansBuilder<>();
    int line = 0;
    boolean any = false;
    for (Run run : document.runs()) {
      String text = run.text();
      int start = 0;
      for (int i = 0; i < text.length(); i++) {
        if (text.charAt(i) == '\n') {
          b.add(
              inline(run.attributes())
                  + block(lines.get(line))
                  + suggestion(run.attributes(), looks),
              i + 1 - start);
          any = true;
          start = i + 1;
          line++;
        }
      }
      if (start < text.length()) {
        b.add(
            inline(run.attributes()) + block(lines.get(line)) + suggestion(run.attributes(), looks),
            text.length() - start);
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
   * {@code base} with the comment highlights laid over it ({@code text} is the area's, to turn the
   * highlights' code points into its positions).
   */
  static StyleSpans<String> highlight(
      StyleSpans<String> base, String text, List<Highlight> highlights) {
    if (highlights.isEmpty() || text.isEmpty()) {
      return base;
    }
    int length = text.length();
    byte[] level = new byte[length];
    for (Highlight h : highlights) {
      int from = AreaPositions.toArea(text, Math.min(h.start(), AreaPositions.length(text)));
      int to = AreaPositions.toArea(text, Math.min(h.end(), AreaPositions.length(text)));
      byte l = (byte) (h.active() ? 2 : 1);
      for (int i = from; i < to; i++) {
        level[i] = (byte) Math.max(level[i], l);
      }
    }
    StyleSpansBuilder<String> b = new StyleSpansBuilder<>();
    int start = 0;
    for (int i = 1; i <= length; i++) {
      if (i == length || level[i] != level[start]) {
        b.add(level[start] == 2 ? ACTIVE : level[start] == 1 ? COMMENTED : "", i - start);
        start = i;
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
   * The paragraph's own style (RichTextFX puts it on the line's TextFlow): indentation for lists,
   * quotes and indent levels, alignment, line spacing.
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
    if (left > 0) {
      css.append("-fx-padding: 0 0 0 ").append(left).append(';');
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
