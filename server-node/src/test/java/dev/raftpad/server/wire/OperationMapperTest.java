package dev.raftpad.server.wire;

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

class OperationMapperTest {

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

    assertThat(OperationMapper.fromWire(OperationMapper.toWire(operation), "op"))
        .isEqualTo(operation);
  }

  @Test
  void malformedOperationsAreRefusedNamingTheField() {
    var emptyInsert =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText("")))
            .build();
    assertThatThrownBy(() -> OperationMapper.fromWire(emptyInsert, "operation"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("operation.components[0].insert.text: an insert must insert text");

    var zeroRetain =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setRetain(Retain.newBuilder().setCount(0)))
            .build();
    assertThatThrownBy(() -> OperationMapper.fromWire(zeroRetain, "operation"))
        .hasMessageContaining("operation.components[0].count");

    var hugeDelete =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setDelete(Delete.newBuilder().setCount(-5)))
            .build();
    assertThatThrownBy(() -> OperationMapper.fromWire(hugeDelete, "operation"))
        .hasMessageContaining("between 1 and");

    var unpaired =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.newBuilder().setInsert(Insert.newBuilder().setText("a\uD83D")))
            .build();
    assertThatThrownBy(() -> OperationMapper.fromWire(unpaired, "operation"))
        .hasMessageContaining("unpaired surrogate");

    var empty =
        dev.raftpad.proto.v1.Operation.newBuilder()
            .addComponents(Component.getDefaultInstance())
            .build();
    assertThatThrownBy(() -> OperationMapper.fromWire(empty, "operation"))
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
    assertThatThrownBy(() -> OperationMapper.fromWire(badColor, "operation"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("operation: ");
  }
}
