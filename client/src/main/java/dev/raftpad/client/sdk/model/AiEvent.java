package dev.raftpad.client.sdk.model;

import dev.raftpad.document.op.Operation;
import java.util.Optional;

/** What an AI stream delivers. */
public sealed interface AiEvent {
  /** The next piece of generated text. */
  record Token(String text) implements AiEvent {}

  /**
   * The last event of a successful call.
   *
   * @param baseRevision the revision that was read
   * @param suggestion fix grammar and improve writing only: the change as an operation against
   *     baseRevision, to preview and then submit like any edit
   */
  record Completed(String text, long baseRevision, Optional<Operation> suggestion)
      implements AiEvent {}
}
