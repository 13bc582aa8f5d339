package dev.raftpad.testkit.linearizability;

/**
 * One call in a recorded history.
 *
 * @param client who called (a client issues one call at a time)
 * @param call when the call started
 * @param returned when it returned, or {@link Long#MAX_VALUE} if its outcome is unknown
 * @param output the result, or {@code null} if unknown
 */
public record Operation<I, O>(int client, I input, O output, long call, long returned) {
  public Operation {
    if (returned < call) {
      throw new IllegalArgumentException(
          "returned before it was called: " + call + " > " + returned);
    }
  }

  /** A call whose outcome is unknown: it may have taken effect at any time after it started. */
  public static <I, O> Operation<I, O> unknown(int client, I input, long call) {
    return new Operation<>(client, input, null, call, Long.MAX_VALUE);
  }
}
