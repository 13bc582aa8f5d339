package dev.raftpad.server.metrics;

import dev.raftpad.raft.runtime.RaftException;
import dev.raftpad.server.api.ProposalTimer;
import dev.raftpad.server.state.CommandResult;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;

/**
 * Proposals made at this node — every write a client asks for — by outcome, with their latency from
 * proposal to this node's apply: the histogram's {@code _count} is the number of proposals.
 */
public final class ProposalMetrics implements ProposalTimer {
  private static final double NANOS_PER_SECOND = 1e9;

  private final Histogram seconds;

  ProposalMetrics(PrometheusRegistry registry) {
    seconds =
        Histogram.builder()
            .name("raftpad_proposal_duration_seconds")
            .help(
                "Time from proposing a command to its outcome at this node, by outcome: applied,"
                    + " refused (by the state machine), or why Raft gave it up (not_leader, lost,"
                    + " unknown_outcome, stopped, ...)")
            .labelNames("outcome")
            .classicOnly()
            .classicUpperBounds(
                0.001, 0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048,
                4.096)
            .register(registry);
  }

  @Override
  public void ended(long nanos, CommandResult<?> result, Throwable failure) {
    seconds.labelValues(outcome(result, failure)).observe(nanos / NANOS_PER_SECOND);
  }

  /** A small fixed set of labels: never a message, a user or a document. */
  static String outcome(CommandResult<?> result, Throwable failure) {
    if (failure == null) {
      return result instanceof CommandResult.Refused<?> ? "refused" : "applied";
    }
    Throwable cause =
        failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
            ? failure.getCause()
            : failure;
    return cause instanceof RaftException raft
        ? raft.kind().name().toLowerCase(Locale.ROOT)
        : "failed";
  }
}
