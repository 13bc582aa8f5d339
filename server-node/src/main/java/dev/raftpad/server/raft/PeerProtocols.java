package dev.raftpad.server.raft;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which peer protocol each member speaks, as its own messages last said in their header, so that
 * during a rolling upgrade no node sends a member a message that member cannot read (ADR 0017). A
 * member not heard from yet counts as the oldest protocol: the cost is a caret not relayed or a
 * stream sent to the leader for a heartbeat's time, never a broken link.
 */
public final class PeerProtocols {
  /** The protocol this build speaks, sent in every header. */
  public static final int CURRENT = 2;

  /** From this protocol on, a member takes forwarded proposals and relayed events (ADR 0014). */
  static final int FORWARDING = 1;

  /**
   * From this protocol on, a member reads disk format version 6: document images (issue 22). No new
   * peer message comes with it; the number tells the leader which members could apply an image, so
   * it adds none while a member that cannot runs.
   */
  static final int IMAGES = 2;

  private final Map<String, Integer> heard = new ConcurrentHashMap<>();

  /** A message from {@code nodeId} said it speaks {@code protocol}; any thread. */
  void heard(String nodeId, int protocol) {
    if (!nodeId.isEmpty()) {
      heard.put(nodeId, protocol);
    }
  }

  /**
   * Whether {@code nodeId} reads forwarded proposals and relayed events, as far as its last message
   * said; any thread.
   */
  public boolean forwards(String nodeId) {
    return heard.getOrDefault(nodeId, 0) >= FORWARDING;
  }

  /** Whether {@code nodeId} applies images (format version 6), as its last message said. */
  public boolean storesImages(String nodeId) {
    return heard.getOrDefault(nodeId, 0) >= IMAGES;
  }
}
