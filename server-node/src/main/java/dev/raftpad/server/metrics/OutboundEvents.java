package dev.raftpad.server.metrics;

import dev.raftpad.proto.v1.EditChannelResponse;
import dev.raftpad.proto.v1.Event;
import dev.raftpad.proto.v1.ResyncReason;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts the events the node pushes to clients (Subscribe streams and edit channels) by kind, and
 * the Resyncs among them by reason — a Resync makes a client reload, so a rising rate means
 * subscribers too slow for the event rate, or histories compacted under them. Watching the outgoing
 * messages keeps the count in one place whichever path sent the Resync.
 */
final class OutboundEvents implements ServerInterceptor {
  private final Counter events;
  private final Counter resyncs;

  /** The series per event kind, looked up once: every event sent passes here. */
  private final Map<Event.KindCase, CounterDataPoint> byKind = new ConcurrentHashMap<>();

  OutboundEvents(PrometheusRegistry registry) {
    events =
        Counter.builder()
            .name("raftpad_collab_events_sent_total")
            .help("Events sent to clients on Subscribe streams and edit channels, by kind")
            .labelNames("kind")
            .register(registry);
    resyncs =
        Counter.builder()
            .name("raftpad_collab_resyncs_total")
            .help("Resync events sent (the client must reload), by reason")
            .labelNames("reason")
            .register(registry);
    // Every reason from the start at 0, so rate() and alerts see the first Resync.
    for (ResyncReason reason : ResyncReason.values()) {
      if (reason != ResyncReason.UNRECOGNIZED && reason != ResyncReason.RESYNC_REASON_UNSPECIFIED) {
        resyncs.labelValues(label(reason)).get();
      }
    }
  }

  private static String label(ResyncReason reason) {
    return reason.name().replaceFirst("^RESYNC_REASON_", "").toLowerCase(Locale.ROOT);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    return next.startCall(
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void sendMessage(A message) {
            switch (message) {
              case Event event -> count(event);
              case EditChannelResponse response when response.hasEvent() ->
                  count(response.getEvent());
              default -> {}
            }
            super.sendMessage(message);
          }
        },
        headers);
  }

  private void count(Event event) {
    if (event.hasBatch()) { // a batch is the events it carries (ADR 0018)
      event.getBatch().getEventsList().forEach(this::count);
      return;
    }
    byKind
        .computeIfAbsent(
            event.getKindCase(), kind -> events.labelValues(kind.name().toLowerCase(Locale.ROOT)))
        .inc();
    if (event.hasResync()) {
      resyncs.labelValues(label(event.getResync().getReason())).inc();
    }
  }
}
