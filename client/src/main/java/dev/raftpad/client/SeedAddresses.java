package dev.raftpad.client;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The servers a client starts from: a non-empty, ordered, duplicate-free list of host:port. */
public record SeedAddresses(List<Address> addresses) {

  /** One server address. */
  public record Address(String host, int port) {
    public Address {
      if (host.isBlank()) {
        throw new IllegalArgumentException("empty host");
      }
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException("port " + port + " is outside 1-65535");
      }
    }

    @Override
    public String toString() {
      return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
  }

  public SeedAddresses {
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("no server address given");
    }
    addresses = List.copyOf(addresses);
  }

  /** Parses a comma-separated list such as {@code 127.0.0.1:7001,127.0.0.1:7002}. */
  public static SeedAddresses parse(String commaSeparated) {
    Set<Address> unique = new LinkedHashSet<>();
    for (String part : commaSeparated.split(",", -1)) {
      String trimmed = part.strip();
      if (!trimmed.isEmpty()) {
        unique.add(parseOne(trimmed));
      }
    }
    return new SeedAddresses(new ArrayList<>(unique));
  }

  private static Address parseOne(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected host:port but got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    try {
      return new Address(host, Integer.parseInt(text.substring(colon + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port of '" + text + "' is not a number", e);
    }
  }
}
