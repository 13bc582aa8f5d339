package dev.raftpad.raft.sim;

import dev.raftpad.testkit.linearizability.Model;
import java.util.Objects;
import java.util.Optional;

/** The sequential specification of one key of the simulated key-value store. */
public final class KvModel implements Model<String, KvCommand, String> {
  @Override
  public String initialState() {
    return "";
  }

  @Override
  public Optional<String> step(String state, KvCommand input, String output) {
    return switch (input.kind()) {
      case READ -> output == null || output.equals(state) ? Optional.of(state) : Optional.empty();
      case WRITE -> Optional.of(input.value());
      case CAS -> {
        boolean swaps = state.equals(input.expected());
        if (output == null) {
          yield Optional.of(swaps ? input.value() : state);
        }
        yield Objects.equals(output, String.valueOf(swaps))
            ? Optional.of(swaps ? input.value() : state)
            : Optional.empty();
      }
    };
  }

  @Override
  public Object partitionKey(KvCommand input) {
    return input.key();
  }
}
