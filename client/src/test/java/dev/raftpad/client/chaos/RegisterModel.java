package dev.raftpad.client.chaos;

import dev.raftpad.testkit.linearizability.Model;
import java.util.Objects;
import java.util.Optional;

/**
 * A register per key for the linearizability checker: a document's title, written by RenameDocument
 * and read by GetDocument. Every document starts with the same title, because the model has one
 * initial state for all partitions.
 */
final class RegisterModel implements Model<String, RegisterModel.Input, String> {
  static final String INITIAL = "init";

  /** A call on one key. */
  sealed interface Input {
    String key();
  }

  record Write(String key, String value) implements Input {}

  record Read(String key) implements Input {}

  @Override
  public String initialState() {
    return INITIAL;
  }

  @Override
  public Optional<String> step(String state, Input input, String output) {
    return switch (input) {
      // A write's output is "ok", or null when its outcome is unknown: either way it may take
      // effect here.
      case Write w -> Optional.of(w.value());
      case Read r -> Objects.equals(output, state) ? Optional.of(state) : Optional.empty();
    };
  }

  @Override
  public Object partitionKey(Input input) {
    return input.key();
  }
}
