package dev.raftpad.document.op;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The formatting of a run of text, or a change of formatting, in the manner of Quill's attribute
 * maps. Every field is optional: {@code null} means "not mentioned".
 *
 * <p>In a document and in an insert, a present field sets the attribute. In a retain, a present
 * field changes it: {@code true} or a value sets it, and the removal value ({@code false}, {@code
 * ""}, {@code 0}, {@link Heading#NONE}, {@link ListKind#NONE}, {@link Alignment#NONE}, {@link
 * LineSpacing#NONE}) removes it — the same convention as the wire contract's optional fields, so
 * the server maps one onto the other field by field. Inserts never carry removal values (they are
 * dropped when an {@link Insert} is built).
 *
 * <p>Inline attributes: bold, italic, underline, strikethrough, code, link (an http(s) or mailto
 * URL), color ({@code "#rrggbb"}), fontFamily and fontSize (from {@link FormatValues}), highlight
 * (background, {@code "#rrggbb"}). Block attributes, meaningful only on a line end {@code "\n"}:
 * heading, list (including checklist items), quote, codeBlock, align, lineSpacing, indent (1 to
 * {@link FormatValues#MAX_INDENT}). Suggestion attributes (ADR 0012), inline but allowed on line
 * ends too: suggestedInsert and suggestedDelete hold the id of the suggestion that proposes
 * inserting or deleting the character; the suggestion's author lives beside the text, in the
 * server's state. Image (inline): the id of an image in the document's image store, carried by the
 * one character {@link Images#CHARACTER} that stands for the image in the text.
 *
 * @param bold inline bold
 * @param italic inline italic
 * @param underline inline underline
 * @param strikethrough inline strikethrough
 * @param code inline code
 * @param link inline link target
 * @param color inline text colour, {@code "#rrggbb"}
 * @param heading block heading level
 * @param list block list kind
 * @param quote block quote
 * @param codeBlock block code block
 * @param suggestedInsert id of the suggestion that proposes this text
 * @param suggestedDelete id of the suggestion that proposes deleting this text
 * @param fontFamily inline font family, one of {@link FormatValues#FONT_FAMILIES}
 * @param fontSize inline font size in points, one of {@link FormatValues#FONT_SIZES}
 * @param highlight inline background colour, {@code "#rrggbb"}
 * @param align block alignment
 * @param lineSpacing block line spacing
 * @param indent block indent level, 1 to {@link FormatValues#MAX_INDENT}
 * @param image inline image id (see {@link Images})
 */
public record Attributes(
    Boolean bold,
    Boolean italic,
    Boolean underline,
    Boolean strikethrough,
    Boolean code,
    String link,
    String color,
    Heading heading,
    ListKind list,
    Boolean quote,
    Boolean codeBlock,
    String suggestedInsert,
    String suggestedDelete,
    String fontFamily,
    Integer fontSize,
    String highlight,
    Alignment align,
    LineSpacing lineSpacing,
    Integer indent,
    String image) {

  /** No attributes: plain text, or a retain that changes nothing. */
  public static final Attributes NONE = of(new Object[AttributeKey.ALL.length]);

  private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
  private static final Pattern LINK = Pattern.compile("(?i)(https?://|mailto:)\\S+");

  /** What a suggestion id looks like: short, and safe in a log line or a CSS class. */
  public static final Pattern SUGGESTION_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

  /** A builder, for readable construction: {@code Attributes.builder().bold(true).build()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether no attribute is mentioned. */
  public boolean isEmpty() {
    for (AttributeKey key : AttributeKey.ALL) {
      if (get(key) != null) {
        return false;
      }
    }
    return true;
  }

  /** Whether some attribute is a removal value (only meaningful in a retain). */
  public boolean hasRemovals() {
    for (AttributeKey key : AttributeKey.ALL) {
      if (key.isRemoval(get(key))) {
        return true;
      }
    }
    return false;
  }

  /** These attributes with every removal value dropped. */
  public Attributes withoutRemovals() {
    if (!hasRemovals()) {
      return this;
    }
    Object[] values = values();
    for (AttributeKey key : AttributeKey.ALL) {
      if (key.isRemoval(values[key.slot()])) {
        values[key.slot()] = null;
      }
    }
    return of(values);
  }

  /**
   * Problems that make these attributes invalid on the wire (a malformed colour or link), empty
   * when valid.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (color != null && !color.isEmpty() && !COLOR.matcher(color).matches()) {
      problems.add("color must be #rrggbb, not " + color);
    }
    if (highlight != null && !highlight.isEmpty() && !COLOR.matcher(highlight).matches()) {
      problems.add("highlight must be #rrggbb, not " + highlight);
    }
    if (fontFamily != null
        && !fontFamily.isEmpty()
        && !FormatValues.FONT_FAMILIES.contains(fontFamily)) {
      problems.add(
          "fontFamily must be one of " + FormatValues.FONT_FAMILIES + ", not " + fontFamily);
    }
    if (fontSize != null && fontSize != 0 && !FormatValues.FONT_SIZES.contains(fontSize)) {
      // A uint32 above Integer.MAX_VALUE arrives negative; print it as sent.
      problems.add(
          "fontSize must be one of "
              + FormatValues.FONT_SIZES
              + " points, not "
              + Integer.toUnsignedString(fontSize));
    }
    if (indent != null && (indent < 0 || indent > FormatValues.MAX_INDENT)) {
      problems.add(
          "indent must be 0 to "
              + FormatValues.MAX_INDENT
              + ", not "
              + Integer.toUnsignedString(indent));
    }
    if (image != null && !image.isEmpty() && !Images.isId(image)) {
      problems.add("image must be an image id (64 lowercase hex digits), not " + image);
    }
    if (link != null && !link.isEmpty() && !LINK.matcher(link).matches()) {
      problems.add("link must be an http(s) or mailto URL, not " + link);
    }
    for (String id : new String[] {suggestedInsert, suggestedDelete}) {
      if (id != null && !id.isEmpty() && !SUGGESTION_ID.matcher(id).matches()) {
        problems.add("a suggestion id is 1 to 64 letters, digits, '-' or '_', not " + id);
      }
    }
    return problems;
  }

  /**
   * Whether some block attribute (heading, list, quote, codeBlock, align, lineSpacing, indent) is
   * mentioned.
   */
  public boolean hasBlockAttributes() {
    for (AttributeKey key : AttributeKey.ALL) {
      if (key.isBlock() && get(key) != null) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code change} applied on top of {@code base}. With {@code keepRemovals} (retain after retain)
   * removal values survive so they still remove later; without (formatting text that exists) they
   * are dropped.
   */
  public static Attributes compose(Attributes base, Attributes change, boolean keepRemovals) {
    if (change.isEmpty()) {
      return keepRemovals ? base : base.withoutRemovals();
    }
    if (base.isEmpty()) {
      return keepRemovals ? change : change.withoutRemovals();
    }
    Object[] values = base.values();
    for (AttributeKey key : AttributeKey.ALL) {
      Object value = change.get(key);
      if (value != null) {
        values[key.slot()] = value;
      }
      if (!keepRemovals && key.isRemoval(values[key.slot()])) {
        values[key.slot()] = null;
      }
    }
    return of(values);
  }

  /**
   * {@code change} made concurrently with {@code first}, transformed to apply after it. When {@code
   * firstWins}, keys {@code first} already set are dropped from {@code change}; otherwise {@code
   * change} is unchanged (it is applied last, so it wins).
   */
  public static Attributes transform(Attributes first, Attributes change, boolean firstWins) {
    if (!firstWins || first.isEmpty() || change.isEmpty()) {
      return change;
    }
    Object[] values = change.values();
    for (AttributeKey key : AttributeKey.ALL) {
      if (first.get(key) != null) {
        values[key.slot()] = null;
      }
    }
    return of(values);
  }

  /**
   * The change that undoes {@code change} applied to text formatted {@code base}: each key the
   * change touched goes back to its value in {@code base}, or is removed where base lacked it.
   */
  public static Attributes invert(Attributes change, Attributes base) {
    Object[] values = new Object[AttributeKey.ALL.length];
    for (AttributeKey key : AttributeKey.ALL) {
      Object changed = change.get(key);
      if (changed == null) {
        continue;
      }
      Object before = base.get(key);
      if (before == null) {
        values[key.slot()] = key.isRemoval(changed) ? null : key.removal();
      } else if (!before.equals(changed)) {
        values[key.slot()] = before;
      }
    }
    return of(values);
  }

  /**
   * Only the inline formatting of these attributes (no block attributes, no suggestion marks): what
   * text typed next to them carries on.
   */
  public Attributes inlineFormatting() {
    Object[] values = values();
    for (AttributeKey key : AttributeKey.ALL) {
      if (key.isBlock()
          || key == AttributeKey.SUGGESTED_INSERT
          || key == AttributeKey.SUGGESTED_DELETE) {
        values[key.slot()] = null;
      }
    }
    return of(values);
  }

  /** The change that turns text formatted {@code from} into text formatted {@code to}. */
  public static Attributes diff(Attributes from, Attributes to) {
    if (from.equals(to)) {
      return NONE;
    }
    Object[] values = new Object[AttributeKey.ALL.length];
    for (AttributeKey key : AttributeKey.ALL) {
      Object a = from.get(key);
      Object b = to.get(key);
      if (!Objects.equals(a, b)) {
        values[key.slot()] = b != null ? b : key.removal();
      }
    }
    return of(values);
  }

  Object get(AttributeKey key) {
    return switch (key) {
      case BOLD -> bold;
      case ITALIC -> italic;
      case UNDERLINE -> underline;
      case STRIKETHROUGH -> strikethrough;
      case CODE -> code;
      case LINK -> link;
      case COLOR -> color;
      case HEADING -> heading;
      case LIST -> list;
      case QUOTE -> quote;
      case CODE_BLOCK -> codeBlock;
      case SUGGESTED_INSERT -> suggestedInsert;
      case SUGGESTED_DELETE -> suggestedDelete;
      case FONT_FAMILY -> fontFamily;
      case FONT_SIZE -> fontSize;
      case HIGHLIGHT -> highlight;
      case ALIGN -> align;
      case LINE_SPACING -> lineSpacing;
      case INDENT -> indent;
      case IMAGE -> image;
    };
  }

  private Object[] values() {
    Object[] values = new Object[AttributeKey.ALL.length];
    for (AttributeKey key : AttributeKey.ALL) {
      values[key.slot()] = get(key);
    }
    return values;
  }

  private static Attributes of(Object[] v) {
    Attributes attributes =
        new Attributes(
            (Boolean) v[0],
            (Boolean) v[1],
            (Boolean) v[2],
            (Boolean) v[3],
            (Boolean) v[4],
            (String) v[5],
            (String) v[6],
            (Heading) v[7],
            (ListKind) v[8],
            (Boolean) v[9],
            (Boolean) v[10],
            (String) v[11],
            (String) v[12],
            (String) v[13],
            (Integer) v[14],
            (String) v[15],
            (Alignment) v[16],
            (LineSpacing) v[17],
            (Integer) v[18],
            (String) v[19]);
    return NONE != null && attributes.isEmpty() ? NONE : attributes;
  }

  /** Builds {@link Attributes} one field at a time; unset fields stay "not mentioned". */
  public static final class Builder {
    private final Object[] values = new Object[AttributeKey.ALL.length];

    private Builder() {}

    private Builder set(AttributeKey key, Object value) {
      values[key.slot()] = value;
      return this;
    }

    /** Sets (true) or, in a retain, removes (false) bold. */
    public Builder bold(boolean value) {
      return set(AttributeKey.BOLD, value);
    }

    /** Sets or removes italic. */
    public Builder italic(boolean value) {
      return set(AttributeKey.ITALIC, value);
    }

    /** Sets or removes underline. */
    public Builder underline(boolean value) {
      return set(AttributeKey.UNDERLINE, value);
    }

    /** Sets or removes strikethrough. */
    public Builder strikethrough(boolean value) {
      return set(AttributeKey.STRIKETHROUGH, value);
    }

    /** Sets or removes inline code. */
    public Builder code(boolean value) {
      return set(AttributeKey.CODE, value);
    }

    /** Sets a link target, or removes the link with {@code ""}. */
    public Builder link(String value) {
      return set(AttributeKey.LINK, value);
    }

    /** Sets a colour {@code "#rrggbb"}, or removes it with {@code ""}. */
    public Builder color(String value) {
      return set(AttributeKey.COLOR, value);
    }

    /** Sets a heading level, or removes it with {@link Heading#NONE}. */
    public Builder heading(Heading value) {
      return set(AttributeKey.HEADING, value);
    }

    /** Sets a list kind, or removes it with {@link ListKind#NONE}. */
    public Builder list(ListKind value) {
      return set(AttributeKey.LIST, value);
    }

    /** Sets or removes a block quote. */
    public Builder quote(boolean value) {
      return set(AttributeKey.QUOTE, value);
    }

    /** Sets or removes a code block. */
    public Builder codeBlock(boolean value) {
      return set(AttributeKey.CODE_BLOCK, value);
    }

    /**
     * Sets a font family from {@link FormatValues#FONT_FAMILIES}, or removes it with {@code ""}.
     */
    public Builder fontFamily(String value) {
      return set(AttributeKey.FONT_FAMILY, value);
    }

    /** Sets a font size in points from {@link FormatValues#FONT_SIZES}, or removes it with 0. */
    public Builder fontSize(int points) {
      return set(AttributeKey.FONT_SIZE, points);
    }

    /** Sets a highlight (background) colour {@code "#rrggbb"}, or removes it with {@code ""}. */
    public Builder highlight(String value) {
      return set(AttributeKey.HIGHLIGHT, value);
    }

    /** Sets a line's alignment, or removes it with {@link Alignment#NONE}. */
    public Builder align(Alignment value) {
      return set(AttributeKey.ALIGN, value);
    }

    /** Sets a line's spacing, or removes it with {@link LineSpacing#NONE}. */
    public Builder lineSpacing(LineSpacing value) {
      return set(AttributeKey.LINE_SPACING, value);
    }

    /** Sets a line's indent level 1..{@link FormatValues#MAX_INDENT}, or removes it with 0. */
    public Builder indent(int level) {
      return set(AttributeKey.INDENT, level);
    }

    /**
     * Makes the character an image: the id of an image in the document's image store (see {@link
     * Images}); {@code ""} removes it.
     */
    public Builder image(String id) {
      return set(AttributeKey.IMAGE, id);
    }

    /** Marks text as proposed by suggestion {@code id}, or removes the mark with {@code ""}. */
    public Builder suggestedInsert(String id) {
      return set(AttributeKey.SUGGESTED_INSERT, id);
    }

    /**
     * Marks text as proposed for deletion by suggestion {@code id}, or unmarks it with {@code ""}.
     */
    public Builder suggestedDelete(String id) {
      return set(AttributeKey.SUGGESTED_DELETE, id);
    }

    /** The attributes built so far. */
    public Attributes build() {
      return of(values.clone());
    }
  }
}
