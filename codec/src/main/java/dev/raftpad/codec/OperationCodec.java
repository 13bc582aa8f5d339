package dev.raftpad.codec;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Retain;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The one mapping of operations between protobuf ({@code raftpad.v1.Operation}, document.proto's
 * model as clients, servers and the log carry it) and the document module. Both edges use it: the
 * server validates client input with it before anything is proposed, and the SDK decodes server
 * output with the same code, so the two can never disagree on a field.
 *
 * <p>Decoding is strict: a malformed operation becomes a clear {@link InvalidInputException} naming
 * the field, instead of an exception deep in the document module. Protobuf types share their simple
 * names with the document types they mirror, so they are written qualified here, the one place the
 * two meet.
 */
public final class OperationCodec {
  private OperationCodec() {}

  /** A wire operation as a document operation. */
  public static Operation fromWire(dev.raftpad.proto.v1.Operation wire, String field) {
    List<Component> components = new ArrayList<>(wire.getComponentsCount());
    for (int i = 0; i < wire.getComponentsCount(); i++) {
      dev.raftpad.proto.v1.Component component = wire.getComponents(i);
      int index = i;
      // Named only when something is wrong: building the name per component cost every client
      // a string per operation it received.
      Supplier<String> where = () -> field + ".components[" + index + "]";
      components.add(
          switch (component.getKindCase()) {
            case RETAIN ->
                new Retain(
                    count(component.getRetain().getCount(), where),
                    attributes(component.getRetain().getAttributes(), where));
            case INSERT -> {
              String text = component.getInsert().getText();
              if (text.isEmpty()) {
                throw new InvalidInputException(
                    where.get() + ".insert.text", "an insert must insert text");
              }
              if (!wellFormed(text)) {
                throw new InvalidInputException(
                    where.get() + ".insert.text", "text contains an unpaired surrogate");
              }
              yield new Insert(text, attributes(component.getInsert().getAttributes(), where));
            }
            case DELETE -> new Delete(count(component.getDelete().getCount(), where));
            case KIND_NOT_SET ->
                throw new InvalidInputException(
                    where.get(), "a component must be a retain, insert or delete");
          });
    }
    Operation operation = Operation.of(components);
    List<String> problems = operation.problems();
    if (!problems.isEmpty()) {
      throw new InvalidInputException(field, String.join("; ", problems));
    }
    return operation;
  }

  /**
   * The code points a wire operation retains or deletes, as sent (counts are uint32). Decoding
   * drops a trailing plain retain — canonical form — so this is how a retain that runs past the end
   * of the document is still seen and refused.
   */
  public static long coveredLength(dev.raftpad.proto.v1.Operation wire) {
    long covered = 0;
    for (dev.raftpad.proto.v1.Component component : wire.getComponentsList()) {
      covered +=
          switch (component.getKindCase()) {
            case RETAIN -> Integer.toUnsignedLong(component.getRetain().getCount());
            case DELETE -> Integer.toUnsignedLong(component.getDelete().getCount());
            case INSERT, KIND_NOT_SET -> 0;
          };
    }
    return covered;
  }

  /** A document operation on the wire. */
  public static dev.raftpad.proto.v1.Operation toWire(Operation operation) {
    var wire = dev.raftpad.proto.v1.Operation.newBuilder();
    for (Component component : operation.components()) {
      var c = dev.raftpad.proto.v1.Component.newBuilder();
      switch (component) {
        case Retain r ->
            c.setRetain(
                dev.raftpad.proto.v1.Retain.newBuilder()
                    .setCount(r.count())
                    .setAttributes(toWire(r.attributes())));
        case Insert in ->
            c.setInsert(
                dev.raftpad.proto.v1.Insert.newBuilder()
                    .setText(in.text())
                    .setAttributes(toWire(in.attributes())));
        case Delete d -> c.setDelete(dev.raftpad.proto.v1.Delete.newBuilder().setCount(d.count()));
      }
      wire.addComponents(c);
    }
    return wire.build();
  }

  private static int count(int wireCount, Supplier<String> where) {
    // uint32 on the wire: a value above Integer.MAX_VALUE arrives negative.
    if (wireCount <= 0) {
      throw new InvalidInputException(
          where.get() + ".count", "a count must be between 1 and " + Integer.MAX_VALUE);
    }
    return wireCount;
  }

  private static boolean wellFormed(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= text.length() || !Character.isLowSurrogate(text.charAt(i + 1))) {
          return false;
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  static Attributes attributes(dev.raftpad.proto.v1.Attributes a, Supplier<String> where) {
    if (a.equals(dev.raftpad.proto.v1.Attributes.getDefaultInstance())) {
      return Attributes.NONE;
    }
    return new Attributes(
        a.hasBold() ? a.getBold() : null,
        a.hasItalic() ? a.getItalic() : null,
        a.hasUnderline() ? a.getUnderline() : null,
        a.hasStrikethrough() ? a.getStrikethrough() : null,
        a.hasCode() ? a.getCode() : null,
        a.hasLink() ? a.getLink() : null,
        a.hasColor() ? a.getColor() : null,
        a.hasHeading() ? heading(a.getHeading(), where) : null,
        a.hasList() ? list(a.getList(), where) : null,
        a.hasQuote() ? a.getQuote() : null,
        a.hasCodeBlock() ? a.getCodeBlock() : null,
        a.hasSuggestedInsert() ? a.getSuggestedInsert() : null,
        a.hasSuggestedDelete() ? a.getSuggestedDelete() : null,
        a.hasFontFamily() ? a.getFontFamily() : null,
        a.hasFontSize() ? a.getFontSize() : null,
        a.hasHighlight() ? a.getHighlight() : null,
        a.hasAlign() ? align(a.getAlign(), where) : null,
        a.hasLineSpacing() ? lineSpacing(a.getLineSpacing(), where) : null,
        a.hasIndent() ? a.getIndent() : null,
        a.hasImage() ? a.getImage() : null);
  }

  private static Alignment align(dev.raftpad.proto.v1.Alignment align, Supplier<String> where) {
    return switch (align) {
      case ALIGN_NONE -> Alignment.NONE;
      case ALIGN_LEFT -> Alignment.LEFT;
      case ALIGN_CENTER -> Alignment.CENTER;
      case ALIGN_RIGHT -> Alignment.RIGHT;
      case ALIGN_JUSTIFY -> Alignment.JUSTIFY;
      case UNRECOGNIZED ->
          throw new InvalidInputException(where.get() + ".attributes.align", "unknown alignment");
    };
  }

  private static LineSpacing lineSpacing(
      dev.raftpad.proto.v1.LineSpacing spacing, Supplier<String> where) {
    return switch (spacing) {
      case LINE_SPACING_NONE -> LineSpacing.NONE;
      case LINE_SPACING_1_0 -> LineSpacing.SINGLE;
      case LINE_SPACING_1_15 -> LineSpacing.ONE_FIFTEEN;
      case LINE_SPACING_1_5 -> LineSpacing.ONE_HALF;
      case LINE_SPACING_2_0 -> LineSpacing.DOUBLE;
      case UNRECOGNIZED ->
          throw new InvalidInputException(
              where.get() + ".attributes.line_spacing", "unknown line spacing");
    };
  }

  private static Heading heading(dev.raftpad.proto.v1.Heading heading, Supplier<String> where) {
    return switch (heading) {
      case HEADING_NONE -> Heading.NONE;
      case HEADING_1 -> Heading.H1;
      case HEADING_2 -> Heading.H2;
      case HEADING_3 -> Heading.H3;
      case UNRECOGNIZED ->
          throw new InvalidInputException(where.get() + ".attributes.heading", "unknown heading");
    };
  }

  private static ListKind list(dev.raftpad.proto.v1.ListKind list, Supplier<String> where) {
    return switch (list) {
      case LIST_NONE -> ListKind.NONE;
      case LIST_BULLET -> ListKind.BULLET;
      case LIST_NUMBERED -> ListKind.NUMBERED;
      case LIST_UNCHECKED -> ListKind.UNCHECKED;
      case LIST_CHECKED -> ListKind.CHECKED;
      case UNRECOGNIZED ->
          throw new InvalidInputException(where.get() + ".attributes.list", "unknown list kind");
    };
  }

  static dev.raftpad.proto.v1.Attributes toWire(Attributes a) {
    var wire = dev.raftpad.proto.v1.Attributes.newBuilder();
    if (a.bold() != null) {
      wire.setBold(a.bold());
    }
    if (a.italic() != null) {
      wire.setItalic(a.italic());
    }
    if (a.underline() != null) {
      wire.setUnderline(a.underline());
    }
    if (a.strikethrough() != null) {
      wire.setStrikethrough(a.strikethrough());
    }
    if (a.code() != null) {
      wire.setCode(a.code());
    }
    if (a.link() != null) {
      wire.setLink(a.link());
    }
    if (a.color() != null) {
      wire.setColor(a.color());
    }
    if (a.heading() != null) {
      wire.setHeading(
          switch (a.heading()) {
            case NONE -> dev.raftpad.proto.v1.Heading.HEADING_NONE;
            case H1 -> dev.raftpad.proto.v1.Heading.HEADING_1;
            case H2 -> dev.raftpad.proto.v1.Heading.HEADING_2;
            case H3 -> dev.raftpad.proto.v1.Heading.HEADING_3;
          });
    }
    if (a.list() != null) {
      wire.setList(
          switch (a.list()) {
            case NONE -> dev.raftpad.proto.v1.ListKind.LIST_NONE;
            case BULLET -> dev.raftpad.proto.v1.ListKind.LIST_BULLET;
            case NUMBERED -> dev.raftpad.proto.v1.ListKind.LIST_NUMBERED;
            case UNCHECKED -> dev.raftpad.proto.v1.ListKind.LIST_UNCHECKED;
            case CHECKED -> dev.raftpad.proto.v1.ListKind.LIST_CHECKED;
          });
    }
    if (a.quote() != null) {
      wire.setQuote(a.quote());
    }
    if (a.codeBlock() != null) {
      wire.setCodeBlock(a.codeBlock());
    }
    if (a.suggestedInsert() != null) {
      wire.setSuggestedInsert(a.suggestedInsert());
    }
    if (a.suggestedDelete() != null) {
      wire.setSuggestedDelete(a.suggestedDelete());
    }
    if (a.fontFamily() != null) {
      wire.setFontFamily(a.fontFamily());
    }
    if (a.fontSize() != null) {
      wire.setFontSize(a.fontSize());
    }
    if (a.highlight() != null) {
      wire.setHighlight(a.highlight());
    }
    if (a.align() != null) {
      wire.setAlign(
          switch (a.align()) {
            case NONE -> dev.raftpad.proto.v1.Alignment.ALIGN_NONE;
            case LEFT -> dev.raftpad.proto.v1.Alignment.ALIGN_LEFT;
            case CENTER -> dev.raftpad.proto.v1.Alignment.ALIGN_CENTER;
            case RIGHT -> dev.raftpad.proto.v1.Alignment.ALIGN_RIGHT;
            case JUSTIFY -> dev.raftpad.proto.v1.Alignment.ALIGN_JUSTIFY;
          });
    }
    if (a.lineSpacing() != null) {
      wire.setLineSpacing(
          switch (a.lineSpacing()) {
            case NONE -> dev.raftpad.proto.v1.LineSpacing.LINE_SPACING_NONE;
            case SINGLE -> dev.raftpad.proto.v1.LineSpacing.LINE_SPACING_1_0;
            case ONE_FIFTEEN -> dev.raftpad.proto.v1.LineSpacing.LINE_SPACING_1_15;
            case ONE_HALF -> dev.raftpad.proto.v1.LineSpacing.LINE_SPACING_1_5;
            case DOUBLE -> dev.raftpad.proto.v1.LineSpacing.LINE_SPACING_2_0;
          });
    }
    if (a.indent() != null) {
      wire.setIndent(a.indent());
    }
    if (a.image() != null) {
      wire.setImage(a.image());
    }
    return wire.build();
  }
}
