package dev.raftpad.server.state;

import dev.raftpad.proto.v1.RegisterMemberCommand;
import dev.raftpad.proto.v1.StateSnapshot;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/**
 * The members' address book (node id -> host:port): one part of the replicated state, so that a
 * node that joins later, even from a snapshot, knows where its peers are.
 */
final class Members {
  private final TreeMap<String, String> addresses = new TreeMap<>();
  private BiConsumer<String, String> listener = (id, address) -> {};

  /** Told of every address as it is applied or restored; first of those already known. */
  void onAddress(BiConsumer<String, String> listener) {
    this.listener = listener;
    addresses.forEach(listener);
  }

  CommandResult<String> register(RegisterMemberCommand c) {
    addresses.put(c.getNodeId(), c.getAddress());
    listener.accept(c.getNodeId(), c.getAddress());
    return new CommandResult.Applied<>(c.getNodeId());
  }

  void writeTo(StateSnapshot.Builder snapshot) {
    addresses.forEach(
        (id, address) ->
            snapshot.addMembers(
                RegisterMemberCommand.newBuilder().setNodeId(id).setAddress(address)));
  }

  void restore(StateSnapshot snapshot) {
    addresses.clear();
    for (RegisterMemberCommand member : snapshot.getMembersList()) {
      addresses.put(member.getNodeId(), member.getAddress());
      listener.accept(member.getNodeId(), member.getAddress());
    }
  }
}
