package dev.raftpad.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
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
  }
}
