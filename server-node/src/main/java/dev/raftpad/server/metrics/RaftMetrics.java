package dev.raftpad.server.metrics;

import dev.raftpad.raft.core.Membership;
import dev.raftpad.raft.core.RoleName;
import dev.raftpad.raft.core.Status;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The node's Raft view as metrics, read from {@code RaftServer.status()} (any thread, no lock) at
 * scrape time, plus leader changes, which {@link #sample} notices between scrapes.
 */
final class RaftMetrics {
  private final Supplier<Status> status;
  private final PrometheusRegistry registry;
  private final Counter leaderChanges;
  private String lastLeader;

  RaftMetrics(Supplier<Status> status, PrometheusRegistry registry) {
    this.status = status;
    this.registry = registry;
    Status first = status.get();
    long firstTerm = first.term();
    this.lastLeader = first.leaderId();
    gauge("raftpad_raft_term", "Current Raft term", Status::term);
    gauge("raftpad_raft_commit_index", "Highest log index known committed", Status::commitIndex);
    gauge(
        "raftpad_raft_applied_index",
        "Highest log index applied to the state machine",
        Status::appliedIndex);
    gauge(
        "raftpad_raft_last_index",
        "Last index of this node's log (its rate on the leader: entries proposed per second)",
        Status::lastIndex);
    gauge("raftpad_raft_snapshot_index", "Index of the latest snapshot", Status::snapshotIndex);
    gauge(
        "raftpad_raft_has_leader",
        "1 while this node knows a leader, else 0",
        s -> s.leaderId() == null ? 0 : 1);
    GaugeWithCallback.builder()
        .name("raftpad_raft_role")
        .help("1 for the role this node has now, 0 for the others")
        .labelNames("role")
        .callback(
            callback -> {
              RoleName role = status.get().role();
              for (RoleName each : RoleName.values()) {
                callback.call(each == role ? 1 : 0, each.name().toLowerCase(Locale.ROOT));
              }
            })
        .register(registry);
    GaugeWithCallback.builder()
        .name("raftpad_raft_members")
        .help("Members of the cluster by kind, as this node knows them")
        .labelNames("kind")
        .callback(
            callback -> {
              Membership membership = status.get().membership();
              long voters = membership.all().stream().filter(membership::isVoter).count();
              callback.call((double) voters, "voter");
              callback.call((double) (membership.all().size() - voters), "learner");
            })
        .register(registry);
    follower(
        "raftpad_raft_follower_lag_entries",
        "On the leader: how many entries each follower is behind the leader's last index",
        Status.FollowerStatus::lag);
    follower(
        "raftpad_raft_follower_match_index",
        "On the leader: the highest index known replicated on each follower",
        Status.FollowerStatus::match);
    follower(
        "raftpad_raft_follower_active",
        "On the leader: 1 if each follower answered lately, else 0",
        f -> f.recentActive() ? 1 : 0);
    CounterWithCallback.builder()
        .name("raftpad_raft_elections_total")
        .help(
            "Elections since this process started: each one opens a new term (pre-votes that fail"
                + " do not)")
        .callback(callback -> callback.call((double) Math.max(0, status.get().term() - firstTerm)))
        .register(registry);
    leaderChanges =
        Counter.builder()
            .name("raftpad_raft_leader_changes_total")
            .help("Times this node saw the leader change or go (sampled every 100 ms)")
            .register(registry);
  }

  /** Notices a change of leader since the last sample; one thread calls it. */
  void sample() {
    String leader = status.get().leaderId();
    if (!Objects.equals(leader, lastLeader)) {
      lastLeader = leader;
      leaderChanges.inc();
    }
  }

  private void gauge(String name, String help, ToDoubleFunction<Status> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .callback(callback -> callback.call(value.applyAsDouble(status.get())))
        .register(registry);
  }

  /** A gauge per follower, labelled with its node id; only a leader has followers. */
  private void follower(String name, String help, ToDoubleFunction<Status.FollowerStatus> value) {
    GaugeWithCallback.builder()
        .name(name)
        .help(help)
        .labelNames("peer")
        .callback(
            callback -> {
              Status now = status.get();
              for (Map.Entry<String, Status.FollowerStatus> follower : now.followers().entrySet()) {
                if (!follower.getKey().equals(now.id())) {
                  callback.call(value.applyAsDouble(follower.getValue()), follower.getKey());
                }
              }
            })
        .register(registry);
  }
}
