package dev.raftpad.client.sdk.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Which member serves a read-only live stream, by the stream's client id (every Subscribe has its
 * own): the same member for every attempt of one stream, and streams spread evenly over the
 * members. Rendezvous hashing, so a member joining or leaving moves only the streams that chose it
 * or now choose it.
 */
public final class StreamPlacement {
  private StreamPlacement() {}

  /** The member of {@code members} (client addresses, not empty) that serves {@code clientId}. */
  public static String memberFor(String clientId, List<String> members) {
    if (members.isEmpty()) {
      throw new IllegalArgumentException("no member to place streams on");
    }
    String best = null;
    long bestScore = -1;
    for (String member : members) {
      long score = score(clientId, member);
      if (score > bestScore || (score == bestScore && member.compareTo(best) < 0)) {
        best = member;
        bestScore = score;
      }
    }
    return best;
  }

  private static long score(String clientId, String member) {
    CRC32C crc = new CRC32C();
    crc.update((clientId + "\u0000" + member).getBytes(StandardCharsets.UTF_8));
    // CRC mixes short, similar inputs poorly in its high bits: finish with a 64-bit mixer.
    long z = crc.getValue() * 0x9E3779B97F4A7C15L;
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return (z ^ (z >>> 31)) >>> 1;
  }
}
