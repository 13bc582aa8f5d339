package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.User;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which user each editing client id belongs to. A session reports remote carets by client id only,
 * so the names come from events that carry both (cursor relays and committed operations on the
 * workspace stream, remote edits in a session). Touched on the UI executor only.
 */
public final class Roster {
  private final Map<String, User> byClient = new HashMap<>();

  public void learn(String clientId, User user) {
    if (!clientId.isEmpty()) {
      byClient.put(clientId, user);
    }
  }

  public Optional<User> user(String clientId) {
    return Optional.ofNullable(byClient.get(clientId));
  }
}
