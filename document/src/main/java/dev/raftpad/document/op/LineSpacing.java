package dev.raftpad.document.op;

/**
 * A line's spacing, as a multiple of the font's line height, carried by its line end. {@link #NONE}
 * in a retain removes it (the default, single spacing).
 */
public enum LineSpacing {
  NONE(1.0),
  SINGLE(1.0),
  ONE_FIFTEEN(1.15),
  ONE_HALF(1.5),
  DOUBLE(2.0);

  private final double factor;

  LineSpacing(double factor) {
    this.factor = factor;
  }

  /** The multiple of the line height, e.g. 1.5. */
  public double factor() {
    return factor;
  }
}
