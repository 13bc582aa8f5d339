package dev.raftpad.document.op;

/**
 * The attribute keys, each with the value that means "remove" in a retain. The attribute algebra
 * (compose, transform, invert, diff) is written once over these keys instead of once per field.
 */
enum AttributeKey {
  BOLD(0, false, false),
  ITALIC(1, false, false),
  UNDERLINE(2, false, false),
  STRIKETHROUGH(3, false, false),
  CODE(4, false, false),
  LINK(5, "", false),
  COLOR(6, "", false),
  HEADING(7, Heading.NONE, true),
  LIST(8, ListKind.NONE, true),
  QUOTE(9, false, true),
  CODE_BLOCK(10, false, true),
  SUGGESTED_INSERT(11, "", false),
  SUGGESTED_DELETE(12, "", false),
  FONT_FAMILY(13, "", false),
  FONT_SIZE(14, 0, false),
  HIGHLIGHT(15, "", false),
  ALIGN(16, Alignment.NONE, true),
  LINE_SPACING(17, LineSpacing.NONE, true),
  INDENT(18, 0, true),
  IMAGE(19, "", false);

  static final AttributeKey[] ALL = values();

  // The removal values are Boolean, Integer, String and enum constants: all immutable.
  @SuppressWarnings("ImmutableEnumChecker")
  private final Object removal;

  private final boolean block;

  private final int slot;

  AttributeKey(int slot, Object removal, boolean block) {
    this.slot = slot;
    this.removal = removal;
    this.block = block;
  }

  /** This key's slot in an array of attribute values (fixed, unlike the ordinal). */
  int slot() {
    return slot;
  }

  /** The value that, in a retain, removes this attribute (false, "", 0 or NONE). */
  Object removal() {
    return removal;
  }

  /** Whether the key is a block attribute, carried only by line ends. */
  boolean isBlock() {
    return block;
  }

  boolean isRemoval(Object value) {
    return removal.equals(value);
  }
}
