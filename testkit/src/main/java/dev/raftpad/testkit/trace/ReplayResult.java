package dev.raftpad.testkit.trace;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The figures of one trace replay.
 *
 * @param trace the trace's name
 * @param ops the patches replayed
 * @param millis wall time of the replay (reading the file excluded)
 * @param finalText the text the replay ended with
 * @param matchesEndContent whether it equals the trace's endContent
 */
public record ReplayResult(
    String trace, int ops, long millis, String finalText, boolean matchesEndContent) {

  /** The final length in code points. */
  public int finalLength() {
    return finalText.codePointCount(0, finalText.length());
  }

  /** The hex SHA-256 of the final text's UTF-8. */
  public String finalSha256() {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(finalText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The benchmark's JSON line. */
  public String toJson() {
    return "{\"trace\": \""
        + trace.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\", \"ops\": "
        + ops
        + ", \"millis\": "
        + millis
        + ", \"final_length\": "
        + finalLength()
        + ", \"final_sha256\": \""
        + finalSha256()
        + "\"}";
  }
}
