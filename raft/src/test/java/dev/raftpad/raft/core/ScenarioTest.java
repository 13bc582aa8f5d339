package dev.raftpad.raft.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Scenario tests in text files, in the style of etcd's datadriven tests: each block is a command, a
 * {@code ----} line, and the output it must produce. Run with {@code -Draftpad.rewrite=true} to
 * rewrite the expected output from the actual (then review the diff before committing).
 *
 * <p>Commands: {@code nodes a b c [noprevote] [nocheckquorum]}, {@code joiner d}, {@code campaign
 * a}, {@code tick a N}, {@code tick-all N}, {@code stabilize}, {@code propose a text}, {@code
 * add-learner a d}, {@code promote a d}, {@code remove a d}, {@code isolate a}, {@code cut a b},
 * {@code heal}, {@code read-index a id}, {@code transfer a c}, {@code compact a}, {@code status},
 * {@code log a}.
 */
class ScenarioTest {
  private static final Path DIR = Path.of("src/test/resources/scenarios");

  @TestFactory
  Stream<DynamicTest> scenarios() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      List<Path> sorted = files.filter(f -> f.toString().endsWith(".txt")).sorted().toList();
      assertThat(sorted).isNotEmpty();
      return sorted.stream()
          .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> run(file)));
    }
  }

  private record Block(String command, String expected) {}

  private static void run(Path file) throws IOException {
    List<Block> blocks = parse(Files.readString(file, StandardCharsets.UTF_8));
    Interpreter interpreter = new Interpreter();
    StringBuilder rewritten = new StringBuilder();
    List<String> mismatches = new ArrayList<>();
    for (Block block : blocks) {
      String actual = block.command().startsWith("#") ? "" : interpreter.execute(block.command());
      if (block.command().startsWith("#")) {
        rewritten.append(block.command()).append("\n\n");
        continue;
      }
      rewritten.append(block.command()).append("\n----\n").append(actual).append("\n");
      if (!actual.equals(block.expected())) {
        mismatches.add(
            "command: "
                + block.command()
                + "\nexpected:\n"
                + block.expected()
                + "actual:\n"
                + actual);
      }
    }
    if (Boolean.getBoolean("raftpad.rewrite")) {
      Files.writeString(file, rewritten.toString().strip() + "\n", StandardCharsets.UTF_8);
      return;
    }
    assertThat(mismatches)
        .as("%s (rewrite with -Draftpad.rewrite=true after checking the diff)", file)
        .isEmpty();
  }

  private static List<Block> parse(String text) {
    List<Block> blocks = new ArrayList<>();
    List<String> lines = text.lines().toList();
    int i = 0;
    while (i < lines.size()) {
      String line = lines.get(i);
      if (line.isBlank()) {
        i++;
        continue;
      }
      if (line.startsWith("#")) {
        blocks.add(new Block(line, ""));
        i++;
        continue;
      }
      String command = line;
      i++;
      if (i >= lines.size() || !lines.get(i).equals("----")) {
        throw new IllegalArgumentException("expected ---- after: " + command);
      }
      i++;
      StringBuilder expected = new StringBuilder();
      while (i < lines.size() && !lines.get(i).isBlank()) {
        expected.append(lines.get(i)).append("\n");
        i++;
      }
      blocks.add(new Block(command, expected.toString()));
    }
    return blocks;
  }

  /** Runs commands against a {@link LocalCluster} and renders what happened. */
  private static final class Interpreter {
    private LocalCluster cluster = new LocalCluster();
    private RaftConfig config = RaftConfig.defaults();

    String execute(String command) {
      String[] words = command.trim().split("\\s+", -1);
      return switch (words[0]) {
        case "nodes" -> {
          List<String> ids = new ArrayList<>();
          for (int i = 1; i < words.length; i++) {
            switch (words[i]) {
              case "noprevote" -> config = config.withPreVote(false);
              case "nocheckquorum" -> config = config.withCheckQuorum(false);
              default -> ids.add(words[i]);
            }
          }
          cluster = LocalCluster.of(config, ids.toArray(String[]::new));
          yield "ok\n";
        }
        case "joiner" -> {
          cluster.add(
              RaftNode.bootstrap(words[1], config, new SplittableRandom(99), Membership.EMPTY));
          yield "ok\n";
        }
        case "campaign" -> {
          cluster.node(words[1]).campaign();
          yield stabilize();
        }
        case "tick" -> {
          for (int i = 0; i < Integer.parseInt(words[2]); i++) {
            cluster.node(words[1]).tick();
          }
          yield stabilize();
        }
        case "tick-all" -> {
          StringBuilder out = new StringBuilder();
          for (int i = 0; i < Integer.parseInt(words[1]); i++) {
            cluster.nodes.values().forEach(RaftNode::tick);
            out.append(stabilize().replace("(quiet)\n", ""));
          }
          yield out.isEmpty() ? "(quiet)\n" : out.toString();
        }
        case "stabilize" -> stabilize();
        case "propose" ->
            proposal(cluster.node(words[1]).propose(words[2].getBytes(StandardCharsets.UTF_8)));
        case "forward" -> {
          cluster
              .node(words[1])
              .forward(Long.parseLong(words[2]), words[3].getBytes(StandardCharsets.UTF_8));
          String traffic = stabilize();
          yield traffic + "outcomes " + words[1] + ": " + cluster.outcomes.get(words[1]) + "\n";
        }
        case "add-learner" ->
            proposal(
                cluster
                    .node(words[1])
                    .proposeConfigChange(new ConfigChange.AddLearner(words[2], "")));
        case "promote" ->
            proposal(
                cluster
                    .node(words[1])
                    .proposeConfigChange(new ConfigChange.PromoteToVoter(words[2], "")));
        case "remove" ->
            proposal(
                cluster
                    .node(words[1])
                    .proposeConfigChange(new ConfigChange.RemoveNode(words[2], "")));
        case "isolate" -> {
          cluster.isolate(words[1]);
          yield "ok\n";
        }
        case "cut" -> {
          cluster.cutLink(words[1], words[2]);
          yield "ok\n";
        }
        case "heal" -> {
          cluster.heal();
          yield "ok\n";
        }
        case "read-index" -> {
          cluster.node(words[1]).readIndex(Long.parseLong(words[2]));
          String traffic = stabilize();
          yield traffic + "reads " + words[1] + ": " + cluster.reads.get(words[1]) + "\n";
        }
        case "transfer" -> {
          boolean started = cluster.node(words[1]).transferLeadership(words[2]);
          yield "transfer started=" + started + "\n" + stabilize();
        }
        case "compact" -> {
          RaftNode node = cluster.node(words[1]);
          long applied = node.appliedIndex();
          node.compact(
              new Snapshot(
                  new SnapshotMeta(applied, node.termAt(applied), node.membershipAt(applied)),
                  ("state@" + applied).getBytes(StandardCharsets.UTF_8)),
              0);
          yield "compacted " + words[1] + " to " + applied + "\n";
        }
        case "status" -> status();
        case "reads" -> "reads " + words[1] + ": " + cluster.reads.get(words[1]) + "\n";
        case "log" -> log(cluster.node(words[1]));
        default -> throw new IllegalArgumentException("unknown command: " + command);
      };
    }

    private String proposal(Proposal proposal) {
      String result =
          switch (proposal) {
            case Proposal.Accepted a -> "accepted at " + a.index() + " term " + a.term() + "\n";
            case Proposal.Rejected r -> "rejected " + r.reason() + ": " + r.detail() + "\n";
          };
      return result + stabilize();
    }

    private String stabilize() {
      cluster.takeDelivered();
      cluster.stabilize();
      StringBuilder out = new StringBuilder();
      for (Message m : cluster.takeDelivered()) {
        out.append(render(m)).append("\n");
      }
      return out.isEmpty() ? "(quiet)\n" : out.toString();
    }

    private static String render(Message m) {
      String head = m.from() + "->" + m.to() + " t" + m.term() + " ";
      return head
          + switch (m) {
            case Message.VoteRequest v ->
                (v.preVote() ? "PreVote" : "Vote")
                    + " last="
                    + v.lastLogIndex()
                    + "/"
                    + v.lastLogTerm()
                    + (v.leadershipTransfer() ? " transfer" : "");
            case Message.VoteResponse v ->
                (v.preVote() ? "PreVoteResp" : "VoteResp")
                    + (v.granted() ? " granted" : " rejected");
            case Message.AppendRequest a ->
                "App prev="
                    + a.prevLogIndex()
                    + "/"
                    + a.prevLogTerm()
                    + " commit="
                    + a.leaderCommit()
                    + " entries="
                    + a.entries();
            case Message.AppendResponse a ->
                "AppResp "
                    + (a.success()
                        ? "ok index=" + a.index()
                        : "reject index="
                            + a.index()
                            + " hint="
                            + a.conflictIndex()
                            + "/"
                            + a.conflictTerm());
            case Message.Heartbeat h ->
                "Heartbeat commit=" + h.commit() + " round=" + h.readRound();
            case Message.HeartbeatResponse h ->
                "HeartbeatResp round=" + h.readRound() + " last=" + h.lastIndex();
            case Message.InstallSnapshot s -> "Snapshot " + s.snapshot().meta();
            case Message.TimeoutNow t -> "TimeoutNow";
            case Message.ReadIndexRequest r -> "ReadIndex id=" + r.requestId();
            case Message.ReadIndexResponse r ->
                "ReadIndexResp id=" + r.requestId() + " index=" + r.readIndex();
            case Message.ProposeRequest p ->
                "Propose id=" + p.requestId() + " (" + p.data().length + "B)";
            case Message.ProposeResponse p ->
                "ProposeResp id="
                    + p.requestId()
                    + (p.index() > 0
                        ? " at " + p.index() + "/" + p.entryTerm()
                        : " rejected " + p.rejection());
          };
    }

    private String status() {
      StringBuilder out = new StringBuilder();
      for (RaftNode node : cluster.nodes.values()) {
        Status s = node.status();
        out.append(
            String.format(
                "%s: term=%d %s leader=%s commit=%d applied=%d last=%d voters=%s learners=%s%n",
                s.id(),
                s.term(),
                s.role(),
                s.leaderId(),
                s.commitIndex(),
                s.appliedIndex(),
                s.lastIndex(),
                s.membership().voters(),
                s.membership().learners()));
      }
      return out.toString();
    }

    private static String log(RaftNode node) {
      StringBuilder out = new StringBuilder();
      for (long i = node.status().snapshotIndex() + 1; i <= node.lastIndex(); i++) {
        out.append(i).append("/").append(node.termAt(i)).append(" ");
      }
      return out.toString().strip() + "\n";
    }
  }
}
