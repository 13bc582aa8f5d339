package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.User;

/** How users are named and coloured on screen. */
public final class Users {
  private Users() {}

  /** The display name, or the username when there is none. */
  public static String name(User user) {
    return user.displayName().isBlank() ? user.username() : user.displayName();
  }

  /** The user's colour {@code #rrggbb}, grey when the server gave none. */
  public static String color(User user) {
    return user.color().matches("#[0-9a-fA-F]{6}") ? user.color() : "#888888";
  }
}
