package dev.raftpad.server.state;

import dev.raftpad.proto.v1.ErrorReason;
import java.util.Map;

/** What applying one command produced, handed back to whoever proposed it. */
public sealed interface CommandResult {
  /** The command took effect; {@code value} is what the caller needs (an id, a revision...). */
  record Applied(Object value) implements CommandResult {}

  /**
   * The command was valid on the wire but the state refused it; nothing changed. The service layer
   * turns the reason into a status code in one place.
   */
  record Refused(ErrorReason reason, String message, Map<String, String> metadata)
      implements CommandResult {
    public Refused {
      metadata = Map.copyOf(metadata);
    }

    static Refused of(ErrorReason reason, String message) {
      return new Refused(reason, message, Map.of());
    }
  }
}
