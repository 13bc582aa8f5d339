package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Event;

/**
 * The other members, as far as ephemeral events go: a caret typed at one node must reach the
 * streams every node serves (ADR 0014), without entering the log.
 */
public interface OtherNodes {
  /** Nobody else: a single node, or a test of one node's services. */
  OtherNodes NONE =
      new OtherNodes() {
        @Override
        public void relay(Event event) {}

        @Override
        public boolean forwards(String nodeId) {
          return false;
        }

        @Override
        public boolean storesImages(String nodeId) {
          return false;
        }
      };

  /**
   * Sends {@code event} to every other member that reads relayed events, best effort. Any thread;
   * never blocks.
   */
  void relay(Event event);

  /**
   * Whether member {@code nodeId} takes proposals forwarded to it and relayed events (ADR 0014): a
   * member of an older version does not (ADR 0017), so while it leads, streams are its alone.
   */
  boolean forwards(String nodeId);

  /**
   * Whether member {@code nodeId} applies document images (format version 6): while one that does
   * not runs — or has not been heard from since it started —, no image is added (ADR 0017).
   */
  boolean storesImages(String nodeId);
}
