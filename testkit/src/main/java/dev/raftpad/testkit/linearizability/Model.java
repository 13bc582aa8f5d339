package dev.raftpad.testkit.linearizability;

import java.util.Optional;

/**
 * A sequential specification of an object, for the {@link LinearizabilityChecker}.
 *
 * @param <S> the object's state; must implement equals and hashCode (states are memoized)
 * @param <I> an operation's input
 * @param <O> an operation's output
 */
public interface Model<S, I, O> {
  /** The state before any operation. */
  S initialState();

  /**
   * Whether {@code input} applied to {@code state} can produce {@code output}, and the state after
   * it. {@code output == null} means the outcome is unknown (the call timed out): any output is
   * acceptable, and the operation may or may not have taken effect.
   */
  Optional<S> step(S state, I input, O output);

  /**
   * The independent part of the object an input touches (a key of a key-value store), so each part
   * is checked on its own — the way Porcupine partitions histories. One partition for all by
   * default.
   */
  default Object partitionKey(I input) {
    return "";
  }
}
