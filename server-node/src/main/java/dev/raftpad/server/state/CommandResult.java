package dev.raftpad.server.state;

import dev.raftpad.proto.v1.ErrorReason;
import java.util.Map;

/**
 * What applying one command produced, handed back to whoever proposed it.
 *
 * @param <T> what the command's caller gets when it takes effect, fixed per command by its {@link
 *     TypedCommand}
 */
public sealed interface CommandResult<T> {
  /** The command took effect; {@code value} is what the caller needs (a record, a revision...). */
  record Applied<T>(T value) implements CommandResult<T> {}

  /**
   * The command was valid on the wire but the state refused it; nothing changed. The service layer
   * turns the reason into a status code in one place.
   */
  record Refused<T>(ErrorReason reason, String message, Map<String, String> metadata)
      implements CommandResult<T> {
    public Refused {
      metadata = Map.copyOf(metadata);
    }

    public static <T> Refused<T> of(ErrorReason reason, String message) {
      return new Refused<>(reason, message, Map.of());
    }

    /** The same refusal as the result of another command (a refusal carries no value). */
    public <U> Refused<U> as() {
      return new Refused<>(reason, message, metadata);
    }
  }
}
