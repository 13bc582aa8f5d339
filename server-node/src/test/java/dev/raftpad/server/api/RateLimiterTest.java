package dev.raftpad.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  @Test
  void aSessionGetsItsBurstThenItsRateAndOthersAreUnaffected() {
    AtomicLong clock = new AtomicLong();
    RateLimiter limiter = new RateLimiter(10, 5, clock::get);

    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire("s1")).isTrue();
    }
    assertThat(limiter.tryAcquire("s1")).isFalse();
    assertThat(limiter.tryAcquire("s2")).isTrue();

    clock.addAndGet(100_000_000); // 0.1 s at 10/s: one more
    assertThat(limiter.tryAcquire("s1")).isTrue();
    assertThat(limiter.tryAcquire("s1")).isFalse();
  }
}
