package dev.raftpad.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.document.op.Alignment;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.LineSpacing;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.proto.v1.Component;
import dev.raftpad.proto.v1.Delete;
import dev.raftpad.proto.v1.Insert;
import dev.raftpad.proto.v1.Retain;
import org.junit.jupiter.api.Test;

class OperationCodecTest {

  @Test
  void operationsRoundTripWithEveryAttribute() {
    Attributes all =
        Attributes.builder()
            .bold(true)
            .italic(false)
            .underline(true)
            .strikethrough(true)
            .code(true)
            .link("https://raftpad.dev")
            .color("#112233")
            .build();
    Operation operation =
        Operation.builder()
            .retain(3)
            .insert("héllo 😀", all)
            .delete(2)
            .retain(1, Attributes.builder().heading(Heading.H2).build())
            .insert(
                "big",
                Attributes.builder().fontFamily("serif").fontSize(24).highlight("#ffff00").build())
            .retain(
                1,
                Attributes.builder()
                    .align(Alignment.RIGHT)
                    .lineSpacing(LineSpacing.DOUBLE)
                    .indent(3)
                    .list(ListKind.CHECKED)
                    .build())
            .retain(
                1,
                Attributes.builder()
                    .fontFamily("")
                    .fontSize(0)
                    .highlight("")
                    .align(Alignment.NONE)
                    .lineSpacing(LineSpacing.NONE)
                    .indent(0)
                    .list(ListKind.UNCHECKED)
                    .build())
            .build();

    assertThat(OperationCodec.fromWire(OperationCodec.toWire(operation), "op"))
        .isEqualTo(operation);
  }

  @Test
  void malformedOperationsAreRefusedNamingTheField() {
    var emptyInsert =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText("")))
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(emptyInsert, "operation"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("operation.components[0].insert.text: an insert must insert text");

    var laterEmptyInsert =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setRetain(Retain.newBuilder().setCount(2)))
            .addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText("x")))
            .addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText("")))
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(laterEmptyInsert, "operation"))
        .as("the component is named by its own index")
        .hasMessage("operation.components[2].insert.text: an insert must insert text");

    var zeroRetain =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setRetain(Retain.newBuilder().setCount(0)))
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(zeroRetain, "operation"))
        .hasMessageContaining("operation.components[0].count");

    var hugeDelete =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setDelete(Delete.newBuilder().setCount(-5)))
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(hugeDelete, "operation"))
        .hasMessageContaining("between 1 and");

    var unpaired =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText("a\uD83D")))
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(unpaired, "operation"))
        .hasMessageContaining("unpaired surrogate");

    var empty =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.getDefaultInstance())
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(empty, "operation"))
        .hasMessageContaining("retain, insert or delete");
  }

  @Test
  void badAttributeValuesAreRefused() {
    var badColor =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(
                Component.newBuilder()
                    .setInsert(
                        Insert.newBuilder()
                            .setText("x")
                            .setAttributes(
                                dev.raftpad.proto.v1.Attributes.newBuilder().setColor("red"))))
            .build();
    assertThatThrownBy(() -> OperationCodec.fromWire(badColor, "operation"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("operation: ");

    assertThatThrownBy(
            () ->
                OperationCodec.fromWire(
                    insertWith(
                        dev.raftpad.proto.v1.Attributes.newBuilder().setFontFamily("Wingdings")),
                    "operation"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("fontFamily must be one of");
    assertThatThrownBy(
            () ->
                OperationCodec.fromWire(
                    insertWith(dev.raftpad.proto.v1.Attributes.newBuilder().setFontSize(-1)),
                    "operation"))
        .hasMessageContaining("not 4294967295");
  }

  @Test
  void unknownAlignmentsAndSpacingsFromANewerClientAreRefusedNamingTheField() {
    var alignment =
        insertWith(dev.raftpad.proto.v1.Attributes.newBuilder().setAlignValue(99), "\n");
    var spacing =
        insertWith(dev.raftpad.proto.v1.Attributes.newBuilder().setLineSpacingValue(7), "\n");

    assertThatThrownBy(() -> OperationCodec.fromWire(alignment, "operation"))
        .hasMessage("operation.components[0].attributes.align: unknown alignment");
    assertThatThrownBy(() -> OperationCodec.fromWire(spacing, "operation"))
        .hasMessage("operation.components[0].attributes.line_spacing: unknown line spacing");
  }

  private static dev.raftpad.proto.v1.Operation insertWith(
      dev.raftpad.proto.v1.Attributes.Builder attributes) {
    return insertWith(attributes, "x");
  }

  private static dev.raftpad.proto.v1.Operation insertWith(
      dev.raftpad.proto.v1.Attributes.Builder attributes, String text) {
    return dev.raftpad.proto.v1.Operation.newBuilder()
        .addComponents(
            Component.newBuilder()
                .setInsert(Insert.newBuilder().setText(text).setAttributes(attributes)))
        .build();
  }
}
