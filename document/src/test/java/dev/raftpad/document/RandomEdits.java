package dev.raftpad.document;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.FormatValues;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import java.util.List;
import java.util.Random;

/**
 * Random documents and operations drawn from a seeded {@link Random}, so a failing property reports
 * a seed that replays it exactly. The alphabet mixes ASCII, a line end, a BMP accent and astral
 * emoji (two UTF-16 units each), and formatting covers inline and block attributes (issue 22's
 * font, size, highlight, alignment, spacing, indent and checklists too) and suggestion marks,
 * including removals.
 */
public final class RandomEdits {
  private static final String[] ALPHABET = {"a", "b", "c", "\n", "é", "😀", "👍", "𝄞"};

  private final Random random;

  /** Draws from {@code seed}. */
  public RandomEdits(long seed) {
    this.random = new Random(seed);
  }

  /** The underlying source, for callers that draw their own choices. */
  public Random random() {
    return random;
  }

  /** Text of 1..maxLength code points. */
  public String text(int maxLength) {
    StringBuilder text = new StringBuilder();
    int length = 1 + random.nextInt(maxLength);
    for (int i = 0; i < length; i++) {
      text.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return text.toString();
  }

  /** Mostly empty formatting; otherwise a few attributes, removals only if allowed. */
  public Attributes attributes(boolean allowRemovals) {
    return attributes(allowRemovals, true);
  }

  /** Formatting valid on an insert of {@code text}: block attributes only on line ends. */
  public Attributes attributesFor(String text) {
    return attributes(false, text.matches("\n+"));
  }

  private Attributes attributes(boolean allowRemovals, boolean allowBlock) {
    if (random.nextInt(3) > 0) {
      return Attributes.NONE;
    }
    Attributes.Builder builder = Attributes.builder();
    if (random.nextBoolean()) {
      builder.bold(!allowRemovals || random.nextBoolean());
    }
    if (random.nextInt(3) == 0) {
      builder.italic(!allowRemovals || random.nextBoolean());
    }
    if (random.nextInt(4) == 0) {
      builder.color(
          allowRemovals && random.nextBoolean()
              ? ""
              : random.nextBoolean() ? "#ff0000" : "#00ff00");
    }
    if (random.nextInt(5) == 0) {
      builder.link(allowRemovals && random.nextBoolean() ? "" : "https://raftpad.dev/x");
    }
    // Suggestion marks (ADR 0012): a few ids, so concurrent suggestions meet on the same text.
    if (random.nextInt(5) == 0) {
      builder.suggestedInsert(allowRemovals && random.nextBoolean() ? "" : suggestionId());
    }
    if (random.nextInt(5) == 0) {
      builder.suggestedDelete(allowRemovals && random.nextBoolean() ? "" : suggestionId());
    }
    if (allowBlock && random.nextInt(5) == 0) {
      builder.heading(allowRemovals && random.nextBoolean() ? Heading.NONE : Heading.H2);
    }
    if (allowBlock && random.nextInt(6) == 0) {
      builder.list(allowRemovals && random.nextBoolean() ? ListKind.NONE : listKind());
    }
    // The remaining boolean keys, rarer: the properties must cover every key (see
    // OperationAlgebraTest.theRandomGeneratorsProduceEveryAttributeKey).
    if (random.nextInt(8) == 0) {
      builder.underline(!allowRemovals || random.nextBoolean());
    }
    if (random.nextInt(8) == 0) {
      builder.strikethrough(!allowRemovals || random.nextBoolean());
    }
    if (random.nextInt(8) == 0) {
      builder.code(!allowRemovals || random.nextBoolean());
    }
    if (allowBlock && random.nextInt(8) == 0) {
      builder.quote(!allowRemovals || random.nextBoolean());
    }
    if (allowBlock && random.nextInt(8) == 0) {
      builder.codeBlock(!allowRemovals || random.nextBoolean());
    }
    // Issue 22: font, size and highlight inline; alignment, spacing and indent on line ends.
    if (random.nextInt(6) == 0) {
      builder.fontFamily(allowRemovals && random.nextBoolean() ? "" : pick(FONTS));
    }
    if (random.nextInt(6) == 0) {
      builder.fontSize(allowRemovals && random.nextBoolean() ? 0 : pick(SIZES));
    }
    if (random.nextInt(6) == 0) {
      builder.highlight(allowRemovals && random.nextBoolean() ? "" : pick(HIGHLIGHTS));
    }
    // The algebra does not care which character carries an image (the server does).
    if (random.nextInt(10) == 0) {
      builder.image(allowRemovals && random.nextBoolean() ? "" : pick(IMAGES));
    }
    if (allowBlock && random.nextInt(5) == 0) {
      builder.align(
          allowRemovals && random.nextBoolean()
              ? Alignment.NONE
              : ALIGNMENTS[1 + random.nextInt(ALIGNMENTS.length - 1)]);
    }
    if (allowBlock && random.nextInt(6) == 0) {
      builder.lineSpacing(
          allowRemovals && random.nextBoolean()
              ? LineSpacing.NONE
              : SPACINGS[1 + random.nextInt(SPACINGS.length - 1)]);
    }
    if (allowBlock && random.nextInt(6) == 0) {
      builder.indent(
          allowRemovals && random.nextBoolean() ? 0 : 1 + random.nextInt(FormatValues.MAX_INDENT));
    }
    return builder.build();
  }

  private static final List<String> FONTS = FormatValues.FONT_FAMILIES;
  private static final List<Integer> SIZES = List.of(10, 12, 24);
  private static final List<String> HIGHLIGHTS = List.of("#ffff00", "#00ffff");
  private static final List<String> IMAGES = List.of("a".repeat(64), "0123456789abcdef".repeat(4));
  private static final Alignment[] ALIGNMENTS = Alignment.values();
  private static final LineSpacing[] SPACINGS = LineSpacing.values();
  private static final ListKind[] LISTS = {
    ListKind.BULLET, ListKind.NUMBERED, ListKind.UNCHECKED, ListKind.CHECKED
  };

  private ListKind listKind() {
    return LISTS[random.nextInt(LISTS.length)];
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  /** One of a few suggestion ids. */
  public String suggestionId() {
    return "s" + random.nextInt(3);
  }

  /** A formatted document of up to about 40 code points. */
  public Document document() {
    OperationBuilder content = Operation.builder();
    int runs = random.nextInt(5);
    for (int i = 0; i < runs; i++) {
      String text = random.nextInt(4) == 0 ? "\n" : text(10);
      content.insert(text, attributesFor(text));
    }
    return Document.fromContent(content.build());
  }

  /** Keystrokes at one place mostly (the common case), sometimes an operation over the text. */
  public Operation mostlyKeystrokes(int length) {
    int position = random.nextInt(length + 1);
    return switch (random.nextInt(5)) {
      case 0 -> operation(length);
      case 1 ->
          position < length
              ? Operation.delete(position, 1 + random.nextInt(Math.min(3, length - position)))
              : Operation.IDENTITY;
      case 2 ->
          position < length
              ? Operation.format(position, 1 + random.nextInt(length - position), attributes(true))
              : Operation.insert(position, "z");
      default -> Operation.insert(position, text(3));
    };
  }

  /** A random operation on a document of {@code length} code points. */
  public Operation operation(int length) {
    OperationBuilder op = Operation.builder();
    int position = 0;
    int steps = 1 + random.nextInt(4);
    for (int i = 0; i < steps; i++) {
      int remaining = length - position;
      switch (random.nextInt(3)) {
        case 0 -> {
          if (remaining > 0) {
            int count = 1 + random.nextInt(remaining);
            op.retain(count, attributes(true));
            position += count;
          }
        }
        case 1 -> {
          String text = random.nextInt(5) == 0 ? "\n" : text(5);
          op.insert(text, attributesFor(text));
        }
        default -> {
          if (remaining > 0) {
            int count = 1 + random.nextInt(Math.min(remaining, 6));
            op.delete(count);
            position += count;
          }
        }
      }
    }
    return op.build();
  }
}
