package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Event;

/**
 * The other members, as far as ephemeral events go: a caret typed at one node must reach the
 * streams every node serves (ADR 0014), without entering the log.
 */
@FunctionalInterface
public interface OtherNodes {
  /** Nobody else: a single node, or a test of one node's services. */
  OtherNodes NONE = event -> {};

  /** Sends {@code event} to every other member, best effort. Any thread; never blocks. */
  void relay(Event event);
}
