package dev.raftpad.raft.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.testkit.linearizability.CheckResult;
import dev.raftpad.testkit.linearizability.LinearizabilityChecker;
import dev.raftpad.testkit.linearizability.Operation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LinearizabilityCheckerTest {
  private final LinearizabilityChecker checker = new LinearizabilityChecker();
  private final KvModel model = new KvModel();

  private static Operation<KvCommand, String> op(
      int client, KvCommand command, String output, long call, long returned) {
    return new Operation<>(client, command, output, call, returned);
  }

  @Test
  void sequentialConsistentHistoryIsLinearizable() {
    var history =
        List.of(
            op(0, KvCommand.write("x", "1", 1), "ok", 0, 10),
            op(1, KvCommand.read("x", 2), "1", 20, 30),
            op(0, KvCommand.cas("x", "1", "2", 3), "true", 40, 50),
            op(1, KvCommand.read("x", 4), "2", 60, 70));
    assertThat(checker.check(model, history)).isInstanceOf(CheckResult.Linearizable.class);
  }

  @Test
  void aStaleReadAfterAWriteCompletedIsNotLinearizable() {
    var history =
        List.of(
            op(0, KvCommand.write("x", "1", 1), "ok", 0, 10),
            op(1, KvCommand.read("x", 2), "", 20, 30)); // the write had returned: must see "1"
    assertThat(checker.check(model, history))
        .isInstanceOfSatisfying(
            CheckResult.NotLinearizable.class, r -> assertThat(r.partitionKey()).isEqualTo("x"));
  }

  @Test
  void aReadConcurrentWithAWriteMaySeeEitherValue() {
    for (String seen : List.of("", "1")) {
      var history =
          List.of(
              op(0, KvCommand.write("x", "1", 1), "ok", 0, 100),
              op(1, KvCommand.read("x", 2), seen, 20, 30));
      assertThat(checker.check(model, history)).isInstanceOf(CheckResult.Linearizable.class);
    }
  }

  @Test
  void anUnknownOutcomeMayOrMayNotHaveHappened() {
    var tookEffect =
        List.of(
            Operation.<KvCommand, String>unknown(0, KvCommand.write("x", "1", 1), 0),
            op(1, KvCommand.read("x", 2), "1", 20, 30));
    var didNot =
        List.of(
            Operation.<KvCommand, String>unknown(0, KvCommand.write("x", "1", 1), 0),
            op(1, KvCommand.read("x", 2), "", 20, 30));
    assertThat(checker.check(model, tookEffect)).isInstanceOf(CheckResult.Linearizable.class);
    assertThat(checker.check(model, didNot)).isInstanceOf(CheckResult.Linearizable.class);
  }

  @Test
  void readsMustNotGoBackInTime() {
    // Two reads in sequence by the same client: once "1" is seen, "" can no longer be read.
    var history =
        List.of(
            op(0, KvCommand.write("x", "1", 1), "ok", 0, 100),
            op(1, KvCommand.read("x", 2), "1", 10, 20),
            op(1, KvCommand.read("x", 3), "", 30, 40));
    assertThat(checker.check(model, history)).isInstanceOf(CheckResult.NotLinearizable.class);
  }

  @Test
  void partitionsAreCheckedIndependentlyAndLargeHistoriesFinish() {
    List<Operation<KvCommand, String>> history = new ArrayList<>();
    long t = 0;
    for (int i = 0; i < 2000; i++) {
      String key = "k" + (i % 10);
      history.add(op(i % 5, KvCommand.write(key, "v" + i, i), "ok", t, t + 15));
      history.add(op((i + 1) % 5, KvCommand.read(key, i), "v" + i, t + 16, t + 20));
      t += 10;
    }
    assertThat(checker.check(model, history))
        .isInstanceOfSatisfying(
            CheckResult.Linearizable.class, r -> assertThat(r.partitions()).isEqualTo(10));
  }
}
