package dev.raftpad.server.events;

import dev.raftpad.proto.v1.Event;
import dev.raftpad.server.state.DocumentAccess;
import java.util.List;
import java.util.function.Consumer;

/** Where announced events go (the Subscribe hub). Must not block. */
public interface EventSink extends Consumer<Event> {
  /**
   * An access change, with the access it replaced: who could read the document until now must hear
   * that they no longer can.
   */
  void acceptAccessChange(Event event, DocumentAccess before);

  /**
   * A {@code Mentioned} event for only these users, on any of their streams that covers the
   * document, while they may read it.
   */
  void acceptMention(Event event, List<String> userIds);
}
