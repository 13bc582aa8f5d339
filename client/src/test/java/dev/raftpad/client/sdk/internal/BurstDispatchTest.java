package dev.raftpad.client.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Tasks posted in a burst reach the serial executor as one turn, in order, none lost. */
class BurstDispatchTest {
  @Test
  void aBurstIsOneTurnOfTheExecutorAndKeepsItsOrder() {
    Queue<Runnable> turns = new ArrayDeque<>();
    BurstDispatch dispatch = new BurstDispatch(turns::add);
    List<Integer> ran = new ArrayList<>();

    for (int i = 0; i < 5; i++) {
      int n = i;
      dispatch.post(() -> ran.add(n));
    }
    assertThat(turns).hasSize(1);
    turns.poll().run();
    dispatch.post(() -> ran.add(5));
    assertThat(turns).as("a post after the turn asks for another").hasSize(1);
    turns.poll().run();

    assertThat(ran).containsExactly(0, 1, 2, 3, 4, 5);
  }

  @Test
  void aTaskThatFailsLeavesTheTasksAfterItForTheNextTurn() {
    Queue<Runnable> turns = new ArrayDeque<>();
    BurstDispatch dispatch = new BurstDispatch(turns::add);
    List<String> ran = new ArrayList<>();
    dispatch.post(() -> ran.add("before"));
    dispatch.post(
        () -> {
          throw new IllegalStateException("a listener's bug");
        });
    dispatch.post(() -> ran.add("after"));

    assertThatThrownBy(() -> turns.poll().run()).hasMessage("a listener's bug");
    assertThat(turns).hasSize(1);
    turns.poll().run();

    assertThat(ran).containsExactly("before", "after");
  }

  @Test
  void tasksPostedFromManyThreadsAllRunOnceEachThreadsInOrder() throws Exception {
    ExecutorService serial = Executors.newSingleThreadExecutor();
    ExecutorService posters = Executors.newFixedThreadPool(4);
    try {
      BurstDispatch dispatch = new BurstDispatch(serial);
      int perThread = 20_000;
      List<List<Integer>> seen = new ArrayList<>();
      CountDownLatch done = new CountDownLatch(4 * perThread);
      for (int t = 0; t < 4; t++) {
        List<Integer> mine = new ArrayList<>(); // touched only by the serial executor
        seen.add(mine);
        posters.execute(
            () -> {
              for (int i = 0; i < perThread; i++) {
                int n = i;
                dispatch.post(
                    () -> {
                      mine.add(n);
                      done.countDown();
                    });
              }
            });
      }
      assertThat(done.await(30, TimeUnit.SECONDS)).isTrue();
      serial.submit(() -> {}).get(); // the lists' last writes are visible from here on
      for (List<Integer> mine : seen) {
        assertThat(mine).hasSize(perThread).isSorted();
      }
    } finally {
      posters.shutdownNow();
      serial.shutdownNow();
    }
  }
}
