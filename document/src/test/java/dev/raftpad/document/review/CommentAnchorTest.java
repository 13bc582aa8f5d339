package dev.raftpad.document.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.text.Document;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * A comment's anchor moves with the text (ADR 0012). The property gives every character an identity
 * (a unique code point) and checks, through random operations by several people, that the anchor
 * covers exactly the surviving characters it was made on (plus text typed strictly inside it),
 * stays inside the document, and detaches only when all of them are gone.
 */
class CommentAnchorTest {
  @Test
  void textTypedAtTheEdgesStaysOutsideAndInsideGoesIn() {
    CommentAnchor anchor = CommentAnchor.of(2, 5);

    assertThat(anchor.transform(Operation.insert(2, "xx"))).isEqualTo(CommentAnchor.of(4, 7));
    assertThat(anchor.transform(Operation.insert(5, "xx"))).isEqualTo(CommentAnchor.of(2, 5));
    assertThat(anchor.transform(Operation.insert(3, "xx"))).isEqualTo(CommentAnchor.of(2, 7));
  }

  @Test
  void deletingAllOfItsTextDetachesItForGood() {
    CommentAnchor detached = CommentAnchor.of(2, 5).transform(Operation.delete(1, 5));

    assertThat(detached).isEqualTo(CommentAnchor.DETACHED);
    assertThat(detached.transform(Operation.insert(0, "abc")).detached()).isTrue();
  }

  @Property(tries = 2000)
  void anchorsStayOnTheirCharactersUnderRandomOperations(@ForAll long seed) {
    Random random = new Random(seed);
    Identities ids = new Identities();
    Document document = Document.of(ids.fresh(5 + random.nextInt(30)));
    int start = random.nextInt(document.length());
    int end = start + 1 + random.nextInt(document.length() - start);
    CommentAnchor anchor = CommentAnchor.of(start, end);
    Set<Integer> anchored = new HashSet<>(codePoints(document.text(start, end - start)));
    Set<Integer> typedInside = new HashSet<>();

    for (int step = 0; step < 12; step++) {
      // Two people's concurrent operations, the second transformed after the first: what the
      // log applies.
      Operation first = randomOperation(random, document.length(), ids);
      Operation second = randomOperation(random, document.length(), ids);
      for (Operation applied : List.of(first, first.transform(second, true))) {
        List<Integer> before = codePoints(document.text());
        document = document.apply(applied);
        CommentAnchor moved = anchor.transform(applied);
        if (!anchor.detached() && !moved.detached()) {
          // Code points typed strictly inside the range belong to it from now on.
          List<Integer> inside = codePoints(document.text(moved.start(), moved.length()));
          for (int c : inside) {
            if (!before.contains(c)) {
              typedInside.add(c);
            }
          }
        }
        anchor = moved;
      }
      assertThat(anchor.end()).as("seed %d", seed).isLessThanOrEqualTo(document.length());
      List<Integer> text = codePoints(document.text());
      Set<Integer> expected = new HashSet<>(anchored);
      expected.addAll(typedInside);
      expected.retainAll(text);
      assertThat(anchor.detached()).as("seed %d", seed).isEqualTo(expected.isEmpty());
      if (!anchor.detached()) {
        Set<Integer> covered = new HashSet<>(text.subList(anchor.start(), anchor.end()));
        assertThat(covered).as("seed %d step %d", seed, step).isEqualTo(expected);
      }
    }
  }

  private static Operation randomOperation(Random random, int length, Identities ids) {
    OperationBuilder op = Operation.builder();
    int position = 0;
    int steps = 1 + random.nextInt(3);
    for (int i = 0; i < steps; i++) {
      int remaining = length - position;
      switch (random.nextInt(3)) {
        case 0 -> {
          if (remaining > 0) {
            int count = 1 + random.nextInt(remaining);
            op.retain(count);
            position += count;
          }
        }
        case 1 -> op.insert(ids.fresh(1 + random.nextInt(3)));
        default -> {
          if (remaining > 0) {
            int count = 1 + random.nextInt(Math.min(remaining, 4));
            op.delete(count);
            position += count;
          }
        }
      }
    }
    return op.build();
  }

  private static List<Integer> codePoints(String text) {
    List<Integer> points = new ArrayList<>();
    text.codePoints().forEach(points::add);
    return points;
  }

  /** Hands out code points never used before: each character's identity. */
  private static final class Identities {
    private int next = 0x4E00; // CJK ideographs: plenty, all one UTF-16 unit

    String fresh(int count) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < count; i++) {
        text.appendCodePoint(next++);
      }
      return text.toString();
    }
  }
}
