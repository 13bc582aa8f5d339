package dev.raftpad.client.sdk.events;

/** How a live stream (an {@link EventStream} or a document session) is doing. */
public enum ConnectionState {
  /** Opening the first stream. */
  CONNECTING,
  /** Live: missed events were replayed and new ones arrive as they are committed. */
  CONNECTED,
  /** The stream broke (a node failed, the leader changed); resuming from the last revision. */
  RECONNECTING,
  /** Reconnecting has failed for a while; still trying. Local edits keep being buffered. */
  OFFLINE,
  /** Closed by the caller. */
  CLOSED
}
