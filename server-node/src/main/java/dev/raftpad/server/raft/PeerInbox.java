package dev.raftpad.server.raft;

import dev.raftpad.raft.core.Message;

/** Where messages from peers go: the local Raft runtime. */
@FunctionalInterface
public interface PeerInbox {
  /**
   * @return false if the message came from another cluster and was dropped
   */
  boolean receive(String clusterId, Message message);
}
