package dev.raftpad.document.op;

import java.util.List;

/**
 * The allowed values of the attributes whose values are chosen from a set: the one place the
 * server's validation, the toolbar's choices and the exporters' mappings read them from.
 */
public final class FormatValues {
  private FormatValues() {}

  /**
   * Font families, as CSS generic families so every renderer (JavaFX, HTML, docx, PDF) can map them
   * to a font it has; a curated set because a name the reader's machine lacks renders as nothing in
   * particular.
   */
  public static final List<String> FONT_FAMILIES = List.of("sans-serif", "serif", "monospace");

  /** Font sizes in points. */
  public static final List<Integer> FONT_SIZES = List.of(8, 9, 10, 11, 12, 14, 16, 18, 24, 30, 36);

  /** The deepest indent level (levels are 1..8; 0 in a retain removes the indent). */
  public static final int MAX_INDENT = 8;
}
