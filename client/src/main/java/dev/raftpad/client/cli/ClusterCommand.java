package dev.raftpad.client.cli;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.raftpad.client.sdk.Cluster;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.MemberStatus;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftpad cluster ...}: status for everyone; add, remove, transfer, backup for admins. */
@Command(
    name = "cluster",
    description = "The cluster's members and leader; administration for admins.",
    subcommands = {
      ClusterCommand.Status.class,
      ClusterCommand.Add.class,
      ClusterCommand.Remove.class,
      ClusterCommand.Transfer.class,
      ClusterCommand.BackupCommand.class
    })
final class ClusterCommand {
  static String describe(ClusterStatus s) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "cluster %s, term %d, leader %s (asked %s; commit %d, applied %d, snapshot %d)%n",
                s.clusterId(),
                s.term(),
                s.leaderId().orElse("unknown"),
                s.answeringNodeId(),
                s.commitIndex(),
                s.appliedIndex(),
                s.snapshotIndex()));
    if (!s.answeredByLeader()) {
      // Only a leader tracks its followers: a follower's zeros would read as "all down".
      text.append(
          String.format(
              "  (this is %s's view: no leader could be asked, so lag and reachability are"
                  + " unknown)%n",
              s.answeringNodeId()));
    }
    for (MemberStatus m : s.members()) {
      text.append(
          String.format(
              "  %-8s %-22s %-9s %-8s %s%n",
              m.nodeId(),
              m.clientAddress(),
              m.role(),
              m.voter() ? "voter" : "learner",
              health(s, m)));
    }
    return text.toString().stripTrailing();
  }

  /** The answering node's figures, one line: what an operator looks at first. */
  static String health(String node, Cluster.Health h) {
    return String.format(
        "  %s: leader up %s, last election %s, fsync p99 %.1f ms over the last minute (%d fsyncs;"
            + " %.1f ms since it started)",
        node,
        h.leaderUptimeMillis().map(ClusterCommand::span).orElse("- (no leader)"),
        h.lastElectionAt().map(LocalTimes::format).orElse("none since it started"),
        h.fsyncP99MillisLastMinute(),
        h.fsyncsLastMinute(),
        h.fsyncP99Millis());
  }

  /** 3725000 ms as "1h02m05s". */
  static String span(long millis) {
    long seconds = millis / 1000;
    if (seconds < 60) {
      return seconds + "s";
    }
    if (seconds < 3600) {
      return String.format("%dm%02ds", seconds / 60, seconds % 60);
    }
    return String.format("%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }

  private static String health(ClusterStatus s, MemberStatus m) {
    if (m.nodeId().equals(s.answeringNodeId())) {
      return "answered this request";
    }
    if (!s.answeredByLeader()) {
      return "";
    }
    return String.format("lag %-6d %s", m.lag(), m.reachable() ? "reachable" : "UNREACHABLE");
  }

  @Command(name = "status", description = "Members, roles, leader, term, lag, health.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      Cluster.Report report = cli.signedIn().cluster().report();
      // JSON: the status object as before, with the health figures under "health".
      JsonObject json = JsonParser.parseString(Output.toJson(report.status())).getAsJsonObject();
      json.add("health", JsonParser.parseString(Output.toJson(report.health())));
      cli.output()
          .print(
              json,
              unused ->
                  describe(report.status())
                      + System.lineSeparator()
                      + health(report.status().answeringNodeId(), report.health()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "add",
      description = "Add a node (it joins as a learner and becomes a voter once caught up).")
  static final class Add implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the new node's id")
    String nodeId;

    @Parameters(index = "1", description = "its host:port")
    String address;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output()
          .print(cli.signedIn().cluster().addNode(nodeId, address), ClusterCommand::describe);
      return ExitCodes.OK;
    }
  }

  @Command(name = "remove", description = "Remove a node from the cluster.")
  static final class Remove implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the node's id")
    String nodeId;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      cli.output().print(cli.signedIn().cluster().removeNode(nodeId), ClusterCommand::describe);
      return ExitCodes.OK;
    }
  }

  /** What {@code cluster transfer --json} prints. */
  record Transferred(String newLeaderId) {}

  @Command(
      name = "transfer",
      description = "Hand leadership to a node (default: the most up-to-date other voter).")
  static final class Transfer implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", description = "the node to lead")
    String target;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String leader = cli.signedIn().cluster().transferLeadership(target == null ? "" : target);
      cli.output().print(new Transferred(leader), t -> t.newLeaderId() + " now leads");
      return ExitCodes.OK;
    }
  }

  /** What {@code cluster backup --json} prints. */
  record BackupWritten(
      String file,
      String clusterId,
      long index,
      long term,
      java.util.List<String> voters,
      java.util.List<String> learners,
      java.time.Instant createdAt,
      long bytes,
      String sha256) {}

  @Command(
      name = "backup",
      description =
          "Write a consistent backup of the whole cluster (every write acknowledged before it"
              + " started) to FILE, verified by SHA-256; restore it with `raftpad-server restore`.")
  static final class BackupCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the file to write (must not exist; mode 0600)")
    Path file;

    @Override
    public Integer call() throws IOException {
      RaftpadCli cli = RaftpadCli.of(spec);
      Cluster.Backup b = cli.signedIn().cluster().backup(file);
      cli.output()
          .print(
              new BackupWritten(
                  b.file().toString(),
                  b.clusterId(),
                  b.index(),
                  b.term(),
                  b.voters(),
                  b.learners(),
                  b.createdAt(),
                  b.bytes(),
                  b.sha256()),
              w ->
                  String.format(
                      "wrote %s: cluster %s at index %d (term %d, members %s), %d bytes,"
                          + " sha256 %s",
                      w.file(),
                      w.clusterId(),
                      w.index(),
                      w.term(),
                      w.voters(),
                      w.bytes(),
                      w.sha256()));
      return ExitCodes.OK;
    }
  }
}
