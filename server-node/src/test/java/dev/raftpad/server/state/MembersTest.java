package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MembersTest {
  @Test
  void theAddressBookIsToldOfKnownAppliedAndRestoredAddresses() {
    Members members = new Members();
    members.register(RegisterMemberCommand.newBuilder().setNodeId("n1").setAddress("a:1").build());
    Map<String, String> book = new TreeMap<>();

    members.onAddress(book::put);
    assertThat(book).containsExactly(Map.entry("n1", "a:1"));
    assertThat(
            members.register(
                RegisterMemberCommand.newBuilder().setNodeId("n2").setAddress("b:2").build()))
        .isEqualTo(new CommandResult.Applied<>("n2"));
    assertThat(book).containsEntry("n2", "b:2");

    StateSnapshot.Builder snapshot = StateSnapshot.newBuilder();
    members.writeTo(snapshot);
    Members restored = new Members();
    Map<String, String> restoredBook = new TreeMap<>();
    restored.onAddress(restoredBook::put);
    restored.restore(snapshot.build());
    assertThat(restoredBook).isEqualTo(book);
  }
}
