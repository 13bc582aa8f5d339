package dev.raftpad.desktop.export;

import java.util.Locale;
import java.util.Map;

/**
 * The word-processor font each allowed family ({@code FormatValues.FONT_FAMILIES}) is written as in
 * a .docx, and back: fonts every Word and LibreOffice install has.
 */
final class FontNames {
  private FontNames() {}

  private static final Map<String, String> DOCX =
      Map.of("sans-serif", "Arial", "serif", "Times New Roman", "monospace", "Courier New");

  /** The .docx font for an allowed family. */
  static String docx(String family) {
    return DOCX.getOrDefault(family, "Arial");
  }

  /**
   * The allowed family closest to a .docx font name, or empty for a font that says nothing (so an
   * import does not set a family on every run of a document written in Calibri).
   */
  static String family(String docxFont) {
    if (docxFont == null) {
      return "";
    }
    String name = docxFont.toLowerCase(Locale.ROOT);
    if (name.contains("courier") || name.contains("mono") || name.contains("consol")) {
      return "monospace";
    }
    if (name.contains("times")
        || name.contains("georgia")
        || (name.contains("serif") && !name.contains("sans"))) {
      return "serif";
    }
    if (name.equals("arial") || name.contains("helvetica")) {
      return "sans-serif";
    }
    return "";
  }
}
