package dev.raftpad.server.api;

import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.EventBatch;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs the events a stream's drain took from its queue into as few messages as fit (ADR 0018).
 * With hundreds of readers of one busy document, the cost of a message — its HTTP/2 frame, its
 * flush, its TLS record, its wake-up at the client — was paid once per event per reader; a reader
 * that falls behind now catches up in a few messages instead of one per event. An idle stream still
 * gets each event alone, as soon as it happens.
 */
final class EventBatches {
  /** At most this many events are taken from a queue for one turn of a drain. */
  static final int MAX_EVENTS = 256;

  /** A batch stays well under the clients' 4 MiB inbound message limit. */
  static final int MAX_BYTES = 256 * 1024;

  private EventBatches() {}

  /** The messages that carry {@code events} in order: each event alone, or in batches. */
  static List<Event> pack(List<Event> events) {
    if (events.size() == 1) {
      return events;
    }
    List<Event> messages = new ArrayList<>();
    List<Event> batch = new ArrayList<>();
    int bytes = 0;
    for (Event event : events) {
      int size = event.getSerializedSize();
      if (!batch.isEmpty() && bytes + size > MAX_BYTES) {
        messages.add(message(batch));
        batch = new ArrayList<>();
        bytes = 0;
      }
      batch.add(event);
      bytes += size;
    }
    messages.add(message(batch));
    return messages;
  }

  private static Event message(List<Event> batch) {
    if (batch.size() == 1) {
      return batch.get(0);
    }
    return Event.newBuilder().setBatch(EventBatch.newBuilder().addAllEvents(batch)).build();
  }
}
