package dev.raftpad.document.op;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * {@link Rebase} must give exactly what transforming against each committed operation in turn gives
 * — the server's replicas and every client rely on the same bytes — while it skips the pairs that
 * cannot meet.
 */
class RebaseTest {

  @Property(tries = 5000)
  void equalsTransformingAgainstEachCommittedOperationInTurn(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Random random = edits.random();
    Document base = edits.document();
    Operation concurrent = edits.mostlyKeystrokes(base.length());
    List<Operation> committed = new ArrayList<>();
    List<Boolean> committedFirst = new ArrayList<>();
    Document document = base;
    int count = random.nextInt(12);
    for (int i = 0; i < count; i++) {
      Operation next = edits.mostlyKeystrokes(document.length());
      committed.add(next);
      committedFirst.add(random.nextBoolean());
      document = document.apply(next);
    }

    Operation expected = concurrent;
    Rebase rebase = new Rebase(concurrent);
    for (int i = 0; i < committed.size(); i++) {
      Operation next = committed.get(i);
      boolean first = committedFirst.get(i);
      expected = Transformation.transformByWalking(next, expected, first);
      rebase.over(next, OperationReach.of(next), () -> first);
    }

    assertThat(rebase.result()).as("seed %d", seed).isEqualTo(expected);
    assertThat(document.apply(rebase.result()).length())
        .as("seed %d: the result applies to the head", seed)
        .isEqualTo(document.length() + expected.lengthChange());
  }

  @Property(tries = 5000)
  void transformsShortcutsAgreeWithWalking(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Document document = edits.document();
    Operation first = edits.mostlyKeystrokes(document.length());
    Operation concurrent = edits.mostlyKeystrokes(document.length());
    boolean firstWins = edits.random().nextBoolean();

    assertThat(first.transform(concurrent, firstWins))
        .as("seed %d", seed)
        .isEqualTo(Transformation.transformByWalking(first, concurrent, firstWins));
  }

  @Test
  void operationsElsewhereInTheTextAreNotWalked() {
    Operation typing = Operation.insert(50, "x");
    Rebase rebase = new Rebase(typing);
    Operation after = Operation.insert(80, "abc");
    Operation before = Operation.delete(10, 5);
    rebase.over(after, OperationReach.of(after), RebaseTest::neverAsked);
    rebase.over(before, OperationReach.of(before), RebaseTest::neverAsked);

    assertThat(rebase.result()).isEqualTo(Operation.insert(45, "x"));
  }

  @Test
  void insertsAtOnePlaceStillAskTheTieBreak() {
    Operation typing = Operation.insert(5, "x");
    Operation other = Operation.insert(5, "y");
    Rebase committedFirst = new Rebase(typing);
    committedFirst.over(other, OperationReach.of(other), () -> true);
    Rebase typingFirst = new Rebase(typing);
    typingFirst.over(other, OperationReach.of(other), () -> false);

    assertThat(committedFirst.result()).isEqualTo(Operation.insert(6, "x"));
    assertThat(typingFirst.result()).isEqualTo(Operation.insert(5, "x"));
  }

  @Test
  void theReachOfAnOperationIsWhereItChangesAnything() {
    Attributes bold = Attributes.builder().bold(true).build();
    assertThat(OperationReach.of(Operation.insert(3, "ab"))).isEqualTo(new OperationReach(3, 3, 2));
    assertThat(OperationReach.of(Operation.delete(3, 4))).isEqualTo(new OperationReach(3, 7, -4));
    assertThat(OperationReach.of(Operation.format(0, 4, bold)))
        .isEqualTo(new OperationReach(0, 4, 0));
    assertThat(OperationReach.of(Operation.IDENTITY)).isEqualTo(new OperationReach(0, 0, 0));
  }

  private static boolean neverAsked() {
    throw new AssertionError("the tie-break is asked only where two operations meet");
  }
}
