package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.List;

/** A user online, with the documents they have open. */
public record OnlineUser(User user, List<String> documentIds, Instant since) {
  public OnlineUser {
    documentIds = List.copyOf(documentIds);
  }
}
