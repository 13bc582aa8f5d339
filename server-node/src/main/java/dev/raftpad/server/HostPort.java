package dev.raftpad.server;

import java.net.InetSocketAddress;

/** Parses the {@code host:port} addresses given on command lines and in configuration. */
public final class HostPort {
  private HostPort() {}

  /**
   * Parses {@code host:port} or {@code [ipv6]:port} without resolving the host.
   *
   * @throws IllegalArgumentException with a message naming the bad part
   */
  public static InetSocketAddress parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      throw new IllegalArgumentException("expected host:port but got '" + text + "'");
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(text.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("port of '" + text + "' is not a number", e);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port of '" + text + "' is outside 0-65535");
    }
    return InetSocketAddress.createUnresolved(host, port);
  }
}
