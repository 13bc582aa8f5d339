package dev.raftpad.client.sdk.internal;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.events.EventStream;
import dev.raftpad.client.sdk.events.RaftpadEvent;
import dev.raftpad.proto.v1.Event;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A plain subscription for callers that do not edit (document lists, notifications, the CLI's
 * {@code watch}): domain events on the event executor, each committed operation once, resumed from
 * the last revision delivered per document.
 */
public final class SubscriptionStream implements EventStream {
  private final BurstDispatch dispatch;
  private final Consumer<RaftpadEvent> listener;
  private final Map<String, Long> delivered = new ConcurrentHashMap<>();
  private final ResumableSubscription subscription;

  private SubscriptionStream(
      Connection connection,
      List<String> documentIds,
      boolean all,
      Map<String, Long> after,
      Consumer<RaftpadEvent> listener) {
    this.dispatch = new BurstDispatch(connection.events());
    this.listener = listener;
    this.delivered.putAll(after);
    this.subscription =
        new ResumableSubscription(
            connection, documentIds, all, UUID.randomUUID().toString(), new Handler());
  }

  /**
   * Subscribes to {@code documentIds} (or all documents), resuming each document after the given
   * revision when listed in {@code after}.
   */
  public static SubscriptionStream open(
      Connection connection,
      List<String> documentIds,
      boolean all,
      Map<String, Long> after,
      Consumer<RaftpadEvent> listener) {
    SubscriptionStream stream =
        new SubscriptionStream(connection, documentIds, all, after, listener);
    stream.subscription.start();
    return stream;
  }

  @Override
  public ConnectionState state() {
    return subscription.state();
  }

  @Override
  public void close() {
    subscription.close();
  }

  private final class Handler implements ResumableSubscription.Handler {
    @Override
    public Map<String, Long> resumePoints() {
      return Map.copyOf(delivered);
    }

    @Override
    public void onEvent(long generation, Event event) {
      var mapped = Wire.event(event);
      if (mapped.isEmpty()) {
        return;
      }
      RaftpadEvent e = mapped.get();
      // Track on the gRPC thread (in stream order) so a resubscribe resumes after it.
      switch (e) {
        case RaftpadEvent.OperationCommitted op -> {
          Long last = delivered.get(op.documentId());
          if (last != null && op.revision() <= last) {
            return;
          }
          delivered.put(op.documentId(), op.revision());
        }
        case RaftpadEvent.ResyncNeeded r -> delivered.put(r.documentId(), r.headRevision());
        default -> {}
      }
      dispatch.post(() -> listener.accept(e));
    }

    @Override
    public void onState(ConnectionState state) {
      dispatch.post(() -> listener.accept(new RaftpadEvent.ConnectionChanged("", state)));
    }

    @Override
    public void onFailed(RaftpadException failure) {
      dispatch.post(
          () -> listener.accept(new RaftpadEvent.ConnectionChanged("", ConnectionState.OFFLINE)));
    }
  }
}
