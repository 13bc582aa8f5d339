package dev.raftpad.raft.spi;

import dev.raftpad.raft.core.Message;

/**
 * Sends Raft messages to other nodes. Obligations:
 *
 * <ul>
 *   <li>{@link #send} must not block: queue the message or drop it. Raft tolerates loss,
 *       duplication and reordering, but not a stalled loop.
 *   <li>Messages to one peer should leave in the order given (it keeps pipelining efficient).
 *   <li>Incoming messages are handed to {@code RaftServer.receive} from any thread.
 *   <li>Report failures through the runtime: unreachable peers and the outcome of snapshot sends,
 *       so the leader stops pipelining into the void.
 * </ul>
 */
public interface Transport {
  void send(Message message);
}
