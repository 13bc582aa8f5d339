package dev.raftpad.client.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Instants as people read them here: this machine's local date and time, to the second. */
final class LocalTimes {
  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private LocalTimes() {}

  static String format(Instant instant) {
    return FORMAT.format(instant.atZone(ZoneId.systemDefault()));
  }

  /** An ISO-8601 instant as the cluster sends it (in error metadata); kept as is if unreadable. */
  static String format(String iso) {
    try {
      return format(Instant.parse(iso));
    } catch (DateTimeParseException e) {
      return iso;
    }
  }
}
