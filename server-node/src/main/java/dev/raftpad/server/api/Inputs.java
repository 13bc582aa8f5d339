package dev.raftpad.server.api;

import dev.raftpad.codec.InvalidInputException;
import java.util.regex.Pattern;

/** Bounds on every input, checked before anything is proposed. */
final class Inputs {
  private static final Pattern USERNAME = Pattern.compile("[a-z0-9_.-]{3,32}");

  private Inputs() {}

  /** Whether {@code value} is a name an account can have. */
  static boolean isUsername(String value) {
    return USERNAME.matcher(value).matches();
  }

  static String username(String value) {
    if (!isUsername(value)) {
      throw new InvalidInputException(
          "username", "3-32 characters of lower-case letters, digits, '_', '.' and '-'");
    }
    return value;
  }

  static String password(String value) {
    if (value.length() < 8 || value.length() > 256) {
      throw new InvalidInputException("password", "8-256 characters");
    }
    return value;
  }

  static String text(String field, String value, int max) {
    String stripped = value.strip();
    if (stripped.isEmpty() || stripped.codePointCount(0, stripped.length()) > max) {
      throw new InvalidInputException(field, "1-" + max + " characters");
    }
    return stripped;
  }

  /** The exactly-once key of an edit: a client id and a sequence number from 1. */
  static void clientSequence(String clientId, long clientSeq) {
    id("client_id", clientId);
    if (clientSeq < 1) {
      throw new InvalidInputException("client_seq", "sequence numbers start at 1");
    }
  }

  static String id(String field, String value) {
    if (value.isEmpty() || value.length() > 128) {
      throw new InvalidInputException(field, "required, at most 128 characters");
    }
    return value;
  }
}
