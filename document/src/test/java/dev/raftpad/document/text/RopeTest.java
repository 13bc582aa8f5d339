package dev.raftpad.document.text;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.document.RandomEdits;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.text.RopeNode.Branch;
import dev.raftpad.document.text.RopeNode.Leaf;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The rope against a plain list of (code point, formatting), and its cost per keystroke. */
class RopeTest {

  @Property(tries = 150)
  void matchesAListModelUnderRandomEdits(@ForAll long seed) {
    RandomEdits edits = new RandomEdits(seed);
    Random random = edits.random();
    Rope rope = Rope.EMPTY;
    List<int[]> codePoints = new ArrayList<>();
    List<Attributes> formats = new ArrayList<>();
    for (int step = 0; step < 200; step++) {
      int length = codePoints.size();
      int position = random.nextInt(length + 1);
      switch (random.nextInt(3)) {
        case 0 -> {
          String text = random.nextInt(20) == 0 ? edits.text(600) : edits.text(8);
          Attributes attributes = edits.attributes(false);
          rope = rope.insert(position, text, attributes);
          int at = position;
          for (int cp : text.codePoints().toArray()) {
            codePoints.add(at, new int[] {cp});
            formats.add(at++, attributes);
          }
        }
        case 1 -> {
          int count = random.nextInt(Math.min(length - position, 300) + 1);
          rope = rope.delete(position, count);
          codePoints.subList(position, position + count).clear();
          formats.subList(position, position + count).clear();
        }
        default -> {
          int count = random.nextInt(length - position + 1);
          Attributes change = edits.attributes(true);
          rope = rope.format(position, count, change);
          for (int i = position; i < position + count; i++) {
            formats.set(i, Attributes.compose(formats.get(i), change, false));
          }
        }
      }
      assertThat(rope.length()).as("seed %d", seed).isEqualTo(codePoints.size());
      if (step % 25 == 0) {
        assertBalanced(rope.root(), seed);
      }
    }
    assertBalanced(rope.root(), seed);
    List<Attributes> ropeFormats = new ArrayList<>();
    StringBuilder ropeText = new StringBuilder();
    rope.forEachRun(
        0,
        rope.length(),
        (text, length, attributes) -> {
          ropeText.append(text);
          ropeFormats.addAll(Collections.nCopies(length, attributes));
        });
    StringBuilder expected = new StringBuilder();
    codePoints.forEach(cp -> expected.appendCodePoint(cp[0]));
    assertThat(ropeText.toString()).as("seed %d", seed).isEqualTo(expected.toString());
    assertThat(ropeFormats).as("seed %d", seed).isEqualTo(formats);
  }

  @Test
  void aKeystrokeInALargeDocumentCopiesOnlyAPath() {
    Rope rope = Rope.EMPTY;
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 100_000; i++) {
      text.append((char) ('a' + i % 26));
    }
    rope = rope.insert(0, text.toString(), Attributes.NONE);
    Set<RopeNode> before = nodes(rope.root());

    Rope typed = rope.insert(54_321, "x", Attributes.NONE);

    Set<RopeNode> after = nodes(typed.root());
    after.removeAll(before);
    int height = typed.root().height();
    assertThat(height).isLessThan(20);
    assertThat(after.size())
        .as("new nodes after one keystroke")
        .isLessThanOrEqualTo(2 * height + 4);
    assertThat(rope.length()).as("the old version is untouched").isEqualTo(100_000);
  }

  private static Set<RopeNode> nodes(RopeNode root) {
    Set<RopeNode> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    List<RopeNode> stack = new ArrayList<>();
    stack.add(root);
    while (!stack.isEmpty()) {
      RopeNode node = stack.remove(stack.size() - 1);
      nodes.add(node);
      if (node instanceof Branch branch) {
        stack.add(branch.left());
        stack.add(branch.right());
      }
    }
    return nodes;
  }

  /** Every branch under {@code node} within AVL balance, lengths adding up, leaves in bounds. */
  static void assertBalanced(RopeNode node, long seed) {
    if (node instanceof Branch branch) {
      assertThat(Math.abs(branch.left().height() - branch.right().height()))
          .as("seed %d: AVL balance", seed)
          .isLessThanOrEqualTo(1);
      assertThat(branch.length()).isEqualTo(branch.left().length() + branch.right().length());
      assertBalanced(branch.left(), seed);
      assertBalanced(branch.right(), seed);
    } else if (node instanceof Leaf leaf) {
      assertThat(leaf.length()).isBetween(1, Rope.MAX_LEAF);
      assertThat(leaf.text().codePointCount(0, leaf.text().length())).isEqualTo(leaf.length());
    }
  }
}
