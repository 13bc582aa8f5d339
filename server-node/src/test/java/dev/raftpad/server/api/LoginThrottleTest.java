package dev.raftpad.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.server.api.LoginThrottle.Admitted;
import dev.raftpad.server.api.LoginThrottle.Scope;
import dev.raftpad.server.api.LoginThrottle.Throttled;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The sign-in throttle's policy, on a clock the test advances: no sleeping, no timing. */
class LoginThrottleTest {
  private static final String HOME = "203.0.113.7";
  private static final String ELSEWHERE = "198.51.100.9";

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final LoginThrottle throttle = LoginThrottle.standard(clock::get);

  @Test
  void theStandardPoliciesDoubleTheWaitFromOneSecondUpToTheirCaps() {
    assertThat(ThrottlePolicy.ACCOUNT.delayAfter(5)).isZero();
    List<Long> account = new ArrayList<>();
    for (int failures = 6; failures <= 13; failures++) {
      account.add(ThrottlePolicy.ACCOUNT.delayAfter(failures).toSeconds());
    }
    assertThat(account).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);

    assertThat(ThrottlePolicy.ADDRESS.delayAfter(20)).isZero();
    assertThat(ThrottlePolicy.ADDRESS.delayAfter(21)).isEqualTo(Duration.ofSeconds(1));
    assertThat(ThrottlePolicy.ADDRESS.delayAfter(30)).isEqualTo(Duration.ofSeconds(512));
    assertThat(ThrottlePolicy.ADDRESS.delayAfter(31)).isEqualTo(Duration.ofMinutes(15));
    assertThat(ThrottlePolicy.ADDRESS.delayAfter(Integer.MAX_VALUE))
        .isEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void fiveFailuresAreFreeThenEachFurtherOneDoublesTheAccountsWait() {
    for (int i = 0; i < 5; i++) {
      fail("ada", HOME);
    }
    fail("ada", HOME); // the sixth is still checked, and starts the waiting

    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(1)));
    clock.addAndGet(seconds(1).toNanos());
    fail("ada", HOME);
    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(2)));
    clock.addAndGet(seconds(2).toNanos());
    fail("ada", HOME);
    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(4)));
  }

  @Test
  void askingWhileThrottledCountsNothingAndDoesNotExtendTheWait() {
    for (int i = 0; i < 6; i++) {
      fail("ada", HOME);
    }
    for (int i = 0; i < 100; i++) {
      assertThat(throttle.admit("ada", ELSEWHERE)).isInstanceOf(Throttled.class);
    }
    assertThat(throttle.accountFailures("ada")).isEqualTo(6);

    clock.addAndGet(seconds(1).toNanos());
    assertThat(throttle.admit("ada", ELSEWHERE)).isInstanceOf(Admitted.class);
  }

  @Test
  void anAttackerFromManyAddressesDelaysTheRealUserByAtMostThirtySecondsAtATime() {
    for (int i = 0; i < 200; i++) {
      admitAfterWaiting("ada", "10.0.%d.%d".formatted(i / 250, i % 250)).failed();
    }

    var answer = throttle.admit("ada", HOME);
    assertThat(answer).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(30)));
    clock.addAndGet(seconds(30).toNanos());
    var realUser = (Admitted) throttle.admit("ada", HOME);
    realUser.attempt().succeeded();
    assertThat(throttle.accountFailures("ada")).isZero();
    assertThat(throttle.admit("ada", HOME)).isInstanceOf(Admitted.class);
  }

  @Test
  void atAnAddressItSignedInFromLatelyTheUserIsNotHeldUpByStrangersFailures() {
    ((Admitted) throttle.admit("ada", HOME)).attempt().succeeded(); // ada's usual place
    for (int i = 0; i < 50; i++) {
      admitAfterWaiting("ada", "10.0.0." + i).failed();
    }
    assertThat(throttle.admit("ada", ELSEWHERE))
        .isEqualTo(new Throttled(Scope.ACCOUNT, seconds(30)));

    var atHome = throttle.admit("ada", HOME);
    assertThat(atHome).isInstanceOf(Admitted.class);
    ((Admitted) atHome).attempt().failed(); // a typo at home counts at home only
    assertThat(throttle.accountFailures("ada", HOME)).isEqualTo(1);
    assertThat(throttle.accountFailures("ada")).isEqualTo(50);

    for (int i = 0; i < 5; i++) {
      fail("ada", HOME); // guessing from a known address is throttled like anywhere else
    }
    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(1)));
    clock.addAndGet(seconds(1).toNanos());
    ((Admitted) throttle.admit("ada", HOME)).attempt().succeeded();
    assertThat(throttle.accountFailures("ada", HOME)).isZero();
    assertThat(throttle.accountFailures("ada"))
        .as("strangers' failures not forgiven")
        .isEqualTo(50);

    clock.addAndGet(KnownAddresses.REMEMBERED_FOR.toNanos());
    assertThat(throttle.accountFailures("ada", HOME)).isZero(); // known no more: the shared count
  }

  @Test
  void failuresAreForgottenAfterAQuietPeriod() {
    for (int i = 0; i < 8; i++) {
      admitAfterWaiting("ada", ELSEWHERE).failed();
    }
    assertThat(throttle.accountFailures("ada")).isEqualTo(8);

    clock.addAndGet(ThrottlePolicy.ACCOUNT.forgetAfter().toNanos());
    assertThat(throttle.accountFailures("ada")).isZero();
    assertThat(throttle.addressFailures(ELSEWHERE)).isEqualTo(8); // remembered for an hour
    for (int i = 0; i < 6; i++) {
      fail("ada", HOME); // a full free allowance again
    }

    clock.addAndGet(ThrottlePolicy.ADDRESS.forgetAfter().toNanos());
    assertThat(throttle.addressFailures(ELSEWHERE)).isZero();
    assertThat(throttle.addressFailures(HOME)).isZero();
    assertThat(throttle.accountFailures("ada")).isZero();
  }

  @Test
  void aSuccessClearsTheAccountsFailuresButNotTheAddresss() {
    for (int i = 0; i < 4; i++) {
      fail("ada", HOME);
      fail("mallory", HOME);
    }
    ((Admitted) throttle.admit("ada", HOME)).attempt().succeeded();

    assertThat(throttle.accountFailures("ada")).isZero();
    assertThat(throttle.accountFailures("mallory")).isEqualTo(4);
    // Signing in to an account of one's own between guesses does not wipe the address clean.
    assertThat(throttle.addressFailures(HOME)).isEqualTo(8);
  }

  @Test
  void anAddressThatFailsAcrossManyAccountsWaitsFarLongerThanAnyAccount() {
    for (int i = 0; i < 20; i++) {
      fail("user" + i, HOME); // one failure per account: no account waits
    }
    fail("user20", HOME);
    assertThat(throttle.admit("someone", HOME)).isEqualTo(new Throttled(Scope.ADDRESS, seconds(1)));
    assertThat(throttle.admit("someone", ELSEWHERE)).isInstanceOf(Admitted.class);

    for (int i = 21; i < 40; i++) {
      admitAfterWaiting("user" + i, HOME).failed();
    }
    assertThat(throttle.admit("another", HOME))
        .isEqualTo(new Throttled(Scope.ADDRESS, Duration.ofMinutes(15)));
  }

  @Test
  void whenBothWaitTheLongerWaitIsTheAnswer() {
    for (int i = 0; i < 25; i++) {
      admitAfterWaiting("ada", HOME).failed();
    }
    // The account waits 30 s (capped), the address 16 s after 25 failures: 30 s.
    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(30)));
    for (int i = 0; i < 5; i++) {
      admitAfterWaiting("bob", HOME).failed();
    }
    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ADDRESS, seconds(512)));
  }

  @Test
  void attemptsSentAtOnceBuyNoMorePasswordChecksThanAttemptsSentOneByOne() {
    List<LoginThrottle.Attempt> running = new ArrayList<>();
    int throttled = 0;
    for (int i = 0; i < 50; i++) {
      switch (throttle.admit("ada", HOME)) {
        case Admitted admitted -> running.add(admitted.attempt());
        case Throttled t -> throttled++;
      }
    }
    assertThat(running).hasSize(6); // the five free ones and the one that starts the waiting
    assertThat(throttled).isEqualTo(44);

    running.forEach(LoginThrottle.Attempt::failed);
    assertThat(throttle.admit("ada", HOME)).isEqualTo(new Throttled(Scope.ACCOUNT, seconds(1)));
  }

  @Test
  void anAttemptWithoutAVerdictCountsNothingAndAnAttemptEndsOnce() {
    var attempt = ((Admitted) throttle.admit("ada", HOME)).attempt();
    attempt.abandoned();
    attempt.failed(); // too late: the attempt already ended

    assertThat(throttle.accountFailures("ada")).isZero();
    assertThat(throttle.accountKeys()).isZero();
  }

  @Test
  void memoryIsBoundedAndTheQuietestKeysAreEvictedFirst() {
    LoginThrottle small =
        new LoginThrottle(ThrottlePolicy.ACCOUNT, ThrottlePolicy.ADDRESS, 3, clock::get);
    for (String name : List.of("ada", "bob", "cy")) {
      ((Admitted) small.admit(name, name + "-host")).attempt().failed();
      clock.addAndGet(1);
    }
    ((Admitted) small.admit("ada", "ada-host")).attempt().failed(); // ada is active again
    clock.addAndGet(1);
    ((Admitted) small.admit("spray", "bot")).attempt().failed();
    assertThat(small.accountFailures("bob")).isZero(); // the quietest went first
    assertThat(small.accountFailures("ada")).isEqualTo(2);
    assertThat(small.accountFailures("cy")).isEqualTo(1);

    for (int i = 0; i < 1000; i++) {
      ((Admitted) small.admit("spray" + i, "bot" + i)).attempt().failed();
    }

    assertThat(small.accountKeys()).isEqualTo(3);
    assertThat(small.addressKeys()).isEqualTo(3);
    assertThat(small.accountFailures("spray999")).isEqualTo(1);
    assertThat(small.accountFailures("ada")).isZero(); // evicted too, once it was the quietest
  }

  @Test
  void overlongNamesShareOneBoundedKey() {
    String longName = "x".repeat(100_000);
    for (int i = 0; i < 6; i++) {
      fail(longName + i, HOME);
    }
    assertThat(throttle.accountFailures(longName)).isEqualTo(6);
    assertThat(throttle.admit(longName + "other", ELSEWHERE)).isInstanceOf(Throttled.class);
  }

  private void fail(String account, String address) {
    var answer = throttle.admit(account, address);
    assertThat(answer).as("%s from %s", account, address).isInstanceOf(Admitted.class);
    ((Admitted) answer).attempt().failed();
  }

  /** Admits an attempt, first advancing the clock past any wait. */
  private LoginThrottle.Attempt admitAfterWaiting(String account, String address) {
    var answer = throttle.admit(account, address);
    if (answer instanceof Throttled throttled) {
      clock.addAndGet(throttled.retryAfter().toNanos());
      answer = throttle.admit(account, address);
    }
    return ((Admitted) answer).attempt();
  }

  private static Duration seconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
