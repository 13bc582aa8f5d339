package dev.raftpad.server.wire;

import com.google.protobuf.Timestamp;

/** Leader-stamped milliseconds as protobuf timestamps: the one conversion the server uses. */
public final class Timestamps {
  private Timestamps() {}

  public static Timestamp ofMillis(long millis) {
    return Timestamp.newBuilder()
        .setSeconds(Math.floorDiv(millis, 1000))
        .setNanos(Math.toIntExact(Math.floorMod(millis, 1000L)) * 1_000_000)
        .build();
  }
}
