package dev.raftpad.client.sdk.events;

/**
 * A subscription that resumes by itself: after a disconnect or a leader change it subscribes again
 * at the leader with the last revision it delivered per document, so nothing is missed and nothing
 * is delivered twice.
 */
public interface EventStream extends AutoCloseable {
  ConnectionState state();

  /** Stops the stream; no event is delivered after this returns on the event executor. */
  @Override
  void close();
}
