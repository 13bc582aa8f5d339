package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.desktop.testing.QueueExecutor;
import dev.raftpad.desktop.testing.RandomEdits;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.review.Suggestions;
import dev.raftpad.document.text.Document;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The outline and the margin's suggestions are computed in the background ({@link
 * BackgroundRefresh}) and shown by changing the list in place ({@link ListUpdate}): over random
 * edits, with the background runs and their answers interleaved with the edits at random, every
 * answer shown makes the list equal to its full recomputation, and once the edits stop the list is
 * exactly that of the final document. Seeded; the seed is in every failure.
 */
class BackgroundRefreshTest {
  private static final String[] ALPHABET = {"a", "b", " ", "\n", "é", "😀"};
  private static final List<Attributes> FORMATS =
      List.of(
          Attributes.NONE,
          Attributes.builder().bold(true).build(),
          Attributes.builder().heading(Heading.H1).build(),
          Attributes.builder().heading(Heading.H2).build(),
          Attributes.builder().heading(Heading.NONE).build(),
          Attributes.builder().suggestedInsert("s1").build(),
          Attributes.builder().suggestedInsert("s2").build(),
          Attributes.builder().suggestedDelete("s3").build());

  @Test
  void theOutlineShownEqualsAFullRecomputation() {
    check(Headings::of);
  }

  @Test
  void theSuggestionsShownEqualAFullRecomputation() {
    check(Suggestions::in);
  }

  private static <T> void check(Function<Document, List<T>> compute) {
    for (long seed = 0; seed < 200; seed++) {
      Random random = new Random(seed);
      RandomEdits edits = new RandomEdits(random, ALPHABET, FORMATS);
      QueueExecutor ui = new QueueExecutor();
      Queue<Runnable> background = new ArrayDeque<>();
      Document[] document = {Document.fromContent(edits.insertOnly(12))};
      List<T> shown = new ArrayList<>();
      long theSeed = seed;
      BackgroundRefresh<List<T>> refresh =
          new BackgroundRefresh<>(
              new Threads(ui, background::add),
              java.time.Duration.ZERO,
              () -> document[0],
              compute,
              result -> {
                ListUpdate.apply(shown, result);
                assertThat(shown)
                    .as("seed %d: the list after an answer", theSeed)
                    .isEqualTo(result);
              });
      refresh.request();
      for (int step = 0; step < 40; step++) {
        document[0] = document[0].apply(edits.operation(document[0]));
        refresh.request();
        // The background and the UI executor get to run at random points between edits.
        if (random.nextBoolean() && !background.isEmpty()) {
          background.poll().run();
        }
        if (random.nextBoolean()) {
          ui.drain();
        }
      }
      // Settle: answers waiting on the UI executor may start one more run, and so on.
      ui.drain();
      while (!background.isEmpty()) {
        background.poll().run();
        ui.drain();
      }
      assertThat(shown)
          .as("seed %d: the list once the edits stop", seed)
          .isEqualTo(compute.apply(document[0]));
    }
  }

  @Test
  void aListUpdateChangesOnlyTheDifferingMiddle() {
    for (long seed = 0; seed < 500; seed++) {
      Random random = new Random(seed);
      List<Integer> before = randomList(random);
      List<Integer> now = randomList(random);
      List<Integer> shown = new ArrayList<>(before);
      List<Integer> touched = new ArrayList<>();
      ListUpdate.apply(new Recording(shown, touched), now);
      assertThat(shown).as("seed %d", seed).isEqualTo(now);
      int samePrefix = 0;
      while (samePrefix < Math.min(before.size(), now.size())
          && before.get(samePrefix).equals(now.get(samePrefix))) {
        samePrefix++;
      }
      int firstDifference = samePrefix;
      assertThat(touched)
          .as("seed %d: no change before the first difference", seed)
          .allMatch(index -> index >= firstDifference);
    }
  }

  private static List<Integer> randomList(Random random) {
    List<Integer> list = new ArrayList<>();
    int size = random.nextInt(8);
    for (int i = 0; i < size; i++) {
      list.add(random.nextInt(4));
    }
    return list;
  }

  /** A list that records the indexes at which it was changed. */
  private static final class Recording extends java.util.AbstractList<Integer> {
    private final List<Integer> list;
    private final List<Integer> touched;

    Recording(List<Integer> list, List<Integer> touched) {
      this.list = list;
      this.touched = touched;
    }

    @Override
    public Integer get(int index) {
      return list.get(index);
    }

    @Override
    public int size() {
      return list.size();
    }

    @Override
    public Integer set(int index, Integer element) {
      touched.add(index);
      return list.set(index, element);
    }

    @Override
    public void add(int index, Integer element) {
      touched.add(index);
      list.add(index, element);
    }

    @Override
    public Integer remove(int index) {
      touched.add(index);
      return list.remove(/* index */ index);
    }
  }
}
