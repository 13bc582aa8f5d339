package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.LineSpacing;
import java.util.Locale;

/**
 * The CSS an HTML export puts in {@code style} attributes: a run's font, size and colours, a line's
 * alignment, spacing and indent. Empty when the attributes ask for nothing.
 */
final class HtmlStyles {
  private HtmlStyles() {}

  /** One indent level, in em: the width a word processor's indent step roughly has. */
  static final double INDENT_EM = 2;

  static String inline(Attributes a) {
    StringBuilder css = new StringBuilder();
    if (present(a.fontFamily())) {
      css.append("font-family:").append(a.fontFamily()).append(';');
    }
    if (a.fontSize() != null && a.fontSize() > 0) {
      css.append("font-size:").append(a.fontSize()).append("pt;");
    }
    if (present(a.color())) {
      css.append("color:").append(a.color()).append(';');
    }
    if (present(a.highlight())) {
      css.append("background-color:").append(a.highlight()).append(';');
    }
    return css.toString();
  }

  static String block(Attributes b) {
    StringBuilder css = new StringBuilder();
    if (b.align() != null && b.align() != Alignment.NONE) {
      css.append("text-align:").append(b.align().name().toLowerCase(Locale.ROOT)).append(';');
    }
    if (b.lineSpacing() != null && b.lineSpacing() != LineSpacing.NONE) {
      css.append("line-height:").append(b.lineSpacing().factor()).append(';');
    }
    if (b.indent() != null && b.indent() > 0) {
      css.append("margin-left:").append(b.indent() * INDENT_EM).append("em;");
    }
    return css.toString();
  }

  /** {@code style="…"} with a leading space, or empty. */
  static String attribute(String css) {
    return css.isEmpty() ? "" : " style=\"" + Exporter.escape(css) + "\"";
  }

  private static boolean present(String s) {
    return s != null && !s.isEmpty();
  }
}
