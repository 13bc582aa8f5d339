package dev.raftpad.server.metrics;

import dev.raftpad.server.state.Change;
import dev.raftpad.server.state.StateCounts;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Collaboration figures: operations applied, documents, locks, subscribers, the events waiting in
 * their queues, and editing sessions. Counts only: no label names a user or a document.
 */
final class CollabMetrics {
  private final Counter changes;

  CollabMetrics(PrometheusRegistry registry) {
    changes =
        Counter.builder()
            .name("raftpad_collab_changes_applied_total")
            .help(
                "Changes applied to the replicated state, by kind (edit_committed: one operation;"
                    + " its rate is operations per second); every replica counts")
            .labelNames("kind")
            .register(registry);
    for (Class<?> kind : Change.class.getPermittedSubclasses()) {
      changes.labelValues(kindOf(kind)).get(); // every kind from the start, at 0
    }
  }

  /** Counts each applied change; runs on the Raft loop thread, so it only increments. */
  Consumer<Change> changeCounter() {
    return change -> changes.labelValues(kindOf(change.getClass())).inc();
  }

  private static String kindOf(Class<?> kind) {
    // Record names are code, not data: DocumentChanged -> document_changed.
    return kind.getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  /**
   * Gauges read at scrape time.
   *
   * @param subscribers streams subscribed to events (Subscribe and edit channels)
   * @param queuedEvents events waiting in those streams' queues
   * @param editSessions open edit channels
   * @param counts the state's sizes, read on the Raft loop; empty when it did not answer in time
   */
  void observe(
      PrometheusRegistry registry,
      LongSupplier subscribers,
      LongSupplier queuedEvents,
      LongSupplier editSessions,
      Supplier<Optional<StateCounts>> counts) {
    gauge(
        registry,
        "raftpad_collab_subscribers",
        "Streams subscribed to events now (Subscribe and edit channels)",
        subscribers);
    gauge(
        registry,
        "raftpad_collab_event_queue_depth",
        "Events waiting in subscribers' queues for their streams to take more",
        queuedEvents);
    gauge(
        registry,
        "raftpad_collab_edit_sessions",
        "Editing sessions open now (edit channel streams)",
        editSessions);
    GaugeWithCallback.builder()
        .name("raftpad_collab_documents")
        .help("Documents in the replicated state, by state (live, trash)")
        .labelNames("state")
        .callback(
            callback ->
                counts
                    .get()
                    .ifPresent(
                        now -> {
                          callback.call((double) now.liveDocuments(), "live");
                          callback.call((double) now.trashedDocuments(), "trash");
                        }))
        .register(registry);
    GaugeWithCallback.builder()
        .name("raftpad_collab_locks")
        .help("Document locks held now (leases not expired)")
        .callback(
            callback -> counts.get().ifPresent(now -> callback.call((double) now.liveLocks())))
        .register(registry);
  }

  private static void gauge(
      PrometheusRegistry registry, String name, String help, LongSupplier value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call((double) value.getAsLong()))
        .register(registry);
  }
}
