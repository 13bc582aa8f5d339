package dev.raftpad.proto;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import dev.raftpad.proto.v1.Attributes;
import dev.raftpad.proto.v1.CollabProto;
import dev.raftpad.proto.v1.Command;
import dev.raftpad.proto.v1.CommandsProto;
import dev.raftpad.proto.v1.Component;
import dev.raftpad.proto.v1.Delete;
import dev.raftpad.proto.v1.Insert;
import dev.raftpad.proto.v1.Operation;
import dev.raftpad.proto.v1.Retain;
import dev.raftpad.proto.v1.StateSnapshot;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The disk format (commands.proto: the Raft log and the snapshot) depends on the operation model
 * (document.proto) and never on the client API (collab.proto), and the operation model keeps the
 * names and numbers its bytes were written with (ADR 0008).
 */
class DiskFormatTest {
  @Test
  void theDiskFormatNeverImportsTheClientApi() {
    Set<String> reachable = new TreeSet<>();
    Deque<FileDescriptor> todo = new ArrayDeque<>();
    todo.add(CommandsProto.getDescriptor());
    while (!todo.isEmpty()) {
      for (FileDescriptor dependency : todo.poll().getDependencies()) {
        if (reachable.add(dependency.getName())) {
          todo.add(dependency);
        }
      }
    }

    assertThat(reachable)
        .contains("raftpad/v1/document.proto")
        .doesNotContain(CollabProto.getDescriptor().getName());
  }

  @Test
  void bothFormatsCarryAVersion() {
    assertThat(Command.getDescriptor().findFieldByName("format_version").getNumber()).isEqualTo(2);
    assertThat(StateSnapshot.getDescriptor().findFieldByName("format_version").getNumber())
        .isEqualTo(6);
  }

  @Test
  void theOperationModelKeepsItsNamesAndFieldNumbers() {
    assertThat(fields(Operation.getDescriptor())).containsExactly(Map.entry("components", 1));
    assertThat(fields(Component.getDescriptor()))
        .containsExactly(Map.entry("retain", 1), Map.entry("insert", 2), Map.entry("delete", 3));
    assertThat(fields(Retain.getDescriptor()))
        .containsExactly(Map.entry("count", 1), Map.entry("attributes", 2));
    assertThat(fields(Insert.getDescriptor()))
        .containsExactly(Map.entry("text", 1), Map.entry("attributes", 2));
    assertThat(fields(Delete.getDescriptor())).containsExactly(Map.entry("count", 1));
    assertThat(fields(Attributes.getDescriptor()))
        .containsExactly(
            Map.entry("bold", 1),
            Map.entry("italic", 2),
            Map.entry("underline", 3),
            Map.entry("strikethrough", 4),
            Map.entry("code", 5),
            Map.entry("link", 6),
            Map.entry("color", 7),
            Map.entry("suggested_insert", 8),
            Map.entry("suggested_delete", 9),
            Map.entry("font_family", 10),
            Map.entry("font_size", 11),
            Map.entry("highlight", 12),
            Map.entry("image", 13),
            Map.entry("heading", 20),
            Map.entry("list", 21),
            Map.entry("quote", 22),
            Map.entry("code_block", 23),
            Map.entry("align", 24),
            Map.entry("line_spacing", 25),
            Map.entry("indent", 26));
    // Issue 22 appended the checklist kinds; the older numbers stay.
    assertThat(dev.raftpad.proto.v1.ListKind.LIST_NUMBERED.getNumber()).isEqualTo(2);
    assertThat(dev.raftpad.proto.v1.ListKind.LIST_UNCHECKED.getNumber()).isEqualTo(3);
    assertThat(dev.raftpad.proto.v1.ListKind.LIST_CHECKED.getNumber()).isEqualTo(4);
    for (Descriptor message :
        new Descriptor[] {
          Operation.getDescriptor(),
          Component.getDescriptor(),
          Retain.getDescriptor(),
          Insert.getDescriptor(),
          Delete.getDescriptor(),
          Attributes.getDescriptor()
        }) {
      assertThat(message.getFullName()).startsWith("raftpad.v1.");
      assertThat(message.getFile().getName()).isEqualTo("raftpad/v1/document.proto");
    }
  }

  private static Map<String, Integer> fields(Descriptor message) {
    Map<String, Integer> fields = new LinkedHashMap<>();
    for (FieldDescriptor field : message.getFields()) {
      fields.put(field.getName(), field.getNumber());
    }
    return fields;
  }
}
