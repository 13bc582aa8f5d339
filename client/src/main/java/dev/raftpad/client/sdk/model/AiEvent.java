package dev.raftpad.client.sdk.model;

import dev.raftpad.document.op.Operation;
import java.util.Optional;

/** What a summarize or fix-grammar stream delivers. */
public sealed interface AiEvent {
  /** The next piece of generated text. */
  record Token(String text) implements AiEvent {}

  /**
   * The last event of a successful call.
   *
   * @param baseRevision the revision that was read
   * @param suggestion fix grammar only: the correction as an operation against baseRevision, to
   *     preview and then submit like any edit
   */
  record Completed(String text, long baseRevision, Optional<Operation> suggestion)
      implements AiEvent {}
}
