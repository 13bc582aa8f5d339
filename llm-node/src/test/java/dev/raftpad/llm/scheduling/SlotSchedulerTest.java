package dev.raftpad.llm.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.llm.scheduling.SlotScheduler.Job;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SlotSchedulerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private SlotScheduler scheduler;

  @AfterEach
  void close() {
    scheduler.close();
  }

  @Test
  void runsUpToSlotsJobsAtOnceQueuesTheNextAndRefusesBeyondTheQueue() throws Exception {
    scheduler = new SlotScheduler(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch firstStarted = new CountDownLatch(1);
    CountDownLatch secondRan = new CountDownLatch(1);

    assertThat(scheduler.submit(Job.of(() -> block(firstStarted, release)))).isPresent();
    assertThat(firstStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scheduler.submit(Job.of(secondRan::countDown))).isPresent();
    Optional<SlotScheduler.Ticket> third = scheduler.submit(Job.of(() -> {}));

    assertThat(third).isEmpty();
    assertThat(scheduler.busy()).isEqualTo(1);
    assertThat(scheduler.queued()).isEqualTo(1);

    release.countDown();
    assertThat(secondRan.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scheduler.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void aWithdrawnJobNeverRunsAndFreesItsPlaceInTheQueue() throws Exception {
    scheduler = new SlotScheduler(1, 1);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch withdrawnRan = new CountDownLatch(1);
    scheduler.submit(Job.of(() -> block(started, release)));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    SlotScheduler.Ticket waiting = scheduler.submit(Job.of(withdrawnRan::countDown)).orElseThrow();

    assertThat(waiting.withdraw()).isTrue();
    assertThat(scheduler.queued()).isZero();
    assertThat(scheduler.submit(Job.of(() -> {}))).isPresent();

    release.countDown();
    assertThat(scheduler.awaitIdle(WAIT)).isTrue();
    assertThat(withdrawnRan.getCount()).isEqualTo(1);
    assertThat(waiting.withdraw()).isFalse();
  }

  @Test
  void slotsRunInParallel() throws Exception {
    scheduler = new SlotScheduler(2, 0);
    CountDownLatch bothStarted = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);

    scheduler.submit(Job.of(() -> block(bothStarted, release)));
    scheduler.submit(Job.of(() -> block(bothStarted, release)));

    assertThat(bothStarted.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(scheduler.awaitLoad(2, 0, WAIT)).isTrue();
    release.countDown();
    assertThat(scheduler.awaitIdle(WAIT)).isTrue();
  }

  @Test
  void aFailingJobDoesNotLoseItsSlot() throws Exception {
    scheduler = new SlotScheduler(1, 0);
    CountDownLatch ran = new CountDownLatch(1);
    scheduler.submit(
        Job.of(
            () -> {
              throw new IllegalStateException("boom (expected by the test)");
            }));
    assertThat(scheduler.awaitIdle(WAIT)).isTrue();

    assertThat(scheduler.submit(Job.of(ran::countDown))).isPresent();
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aJobsFollowUpRunsOnlyOnceItsSlotIsFree() throws Exception {
    scheduler = new SlotScheduler(1, 0);
    CountDownLatch followedUp = new CountDownLatch(1);
    int[] busyDuringFollowUp = {-1};

    scheduler.submit(
        () ->
            () -> {
              busyDuringFollowUp[0] = scheduler.busy();
              followedUp.countDown();
            });

    assertThat(followedUp.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(busyDuringFollowUp[0]).isZero();
  }

  private static void block(CountDownLatch started, CountDownLatch release) {
    started.countDown();
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
