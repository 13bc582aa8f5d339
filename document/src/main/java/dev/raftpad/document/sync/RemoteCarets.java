package dev.raftpad.document.sync;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import java.util.Map;
import java.util.TreeMap;

/**
 * Other clients' carets and selections, kept in the local document's positions: every operation
 * applied locally moves them, so they stay on the text they were on.
 */
public final class RemoteCarets {
  private final Map<String, Selection> byClient = new TreeMap<>();

  /** The carets by client id, in current positions. */
  public Map<String, Selection> all() {
    return Map.copyOf(byClient);
  }

  /** Forgets a client's caret (it left the document). */
  public void remove(String clientId) {
    byClient.remove(clientId);
  }

  void put(String clientId, Selection selection) {
    byClient.put(clientId, selection);
  }

  void transform(Operation applied) {
    byClient.replaceAll((client, selection) -> selection.transform(applied));
  }
}
