package dev.raftpad.client.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.client.sdk.session.SessionEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The chaos test's acknowledgement bookkeeping, driven with the event orders a {@code
 * DocumentSession} can produce around a resync (the session swaps in a new sync client under its
 * lock, and delivers {@code Resynced} on its event executor afterwards; the new client's sequence
 * numbers restart at 1). Each case was counted as acknowledged by the earlier bookkeeping although
 * the token's fate was unknown, which made the chaos test report "acknowledged edit missing".
 */
class AckLedgerTest {
  private static final SessionEvent RESYNCED = new SessionEvent.Resynced(40);

  @Test
  void aTokenIsAcknowledgedByItsOwnSequenceNumber() {
    AckLedger ledger = new AckLedger();
    ledger.type("<a>", () -> 1);
    ledger.type("<b>", () -> 2);
    ledger.onEvent(new SessionEvent.Acknowledged(10, 1));

    assertThat(ledger.acknowledged()).containsExactly("<a>");
    assertThat(ledger.settled()).isFalse();

    ledger.onEvent(new SessionEvent.Acknowledged(11, 2));
    assertThat(ledger.acknowledged()).containsExactlyInAnyOrder("<a>", "<b>");
    assertThat(ledger.settled()).isTrue();
  }

  /**
   * The old client's seq 50 was acknowledged; the session swapped clients; the writer types into
   * the new client (seq 1) before Resynced is delivered. The old "seq <= ackedUpTo" shortcut
   * counted it as acknowledged at once.
   */
  @Test
  void anAcknowledgementOfTheOldClientDoesNotCoverTheNewClientsSequenceNumbers() {
    AckLedger ledger = new AckLedger();
    for (long seq = 1; seq <= 50; seq++) {
      long s = seq;
      ledger.type("<old-" + seq + ">", () -> s);
    }
    ledger.onEvent(new SessionEvent.Acknowledged(90, 50));
    ledger.type("<new-1>", () -> 1); // into the new client, Resynced still on its way
    ledger.onEvent(RESYNCED);

    assertThat(ledger.acknowledged()).doesNotContain("<new-1>").hasSize(50);
    assertThat(ledger.typed()).contains("<new-1>");
    assertThat(ledger.describe("<new-1>")).contains("unknown fate");
  }

  /**
   * The writer typed into the old client (its seq 7, into a buffer the resync drops); the session
   * swapped clients and delivered Resynced before the writer recorded the token; the new client's
   * seq 7 was acknowledged later. The old bookkeeping recorded "<t> = seq 7" after the Resynced and
   * took the new client's acknowledgement for it. The ledger holds the Resynced delivery back until
   * the token is recorded, so the Resynced gives it up.
   */
  @Test
  void aResyncedDeliveredWhileATokenIsBeingTypedIsNotLostInBetween() throws Exception {
    AckLedger ledger = new AckLedger();
    CompletableFuture<Void> delivery = new CompletableFuture<>();
    ledger.type(
        "<t>",
        () -> {
          // The event executor delivers Resynced right after the session swapped clients.
          Thread.ofPlatform()
              .start(
                  () -> {
                    ledger.onEvent(RESYNCED);
                    delivery.complete(null);
                  });
          return 7;
        });
    delivery.get(30, TimeUnit.SECONDS);
    ledger.onEvent(new SessionEvent.Acknowledged(60, 7)); // the new client's seq 7

    assertThat(ledger.acknowledged()).doesNotContain("<t>");
    assertThat(ledger.typed()).containsExactly("<t>");
    assertThat(ledger.settled()).isTrue();
  }

  /**
   * At the end the session reports synchronized (on a freshly swapped client) while the Resynced
   * that gives up the old client's pending tokens is not delivered yet. The old bookkeeping then
   * confirmed every pending token; the ledger is not settled until the Resynced arrives, and then
   * the tokens are given up.
   */
  @Test
  void pendingTokensAreNotConfirmedBeforeTheirFateIsDelivered() {
    AckLedger ledger = new AckLedger();
    ledger.type("<a>", () -> 3);
    ledger.type("<b>", () -> 4);

    assertThat(ledger.settled()).isFalse();
    ledger.onEvent(RESYNCED);

    assertThat(ledger.settled()).isTrue();
    assertThat(ledger.acknowledged()).isEmpty();
    assertThat(ledger.resyncs()).hasSize(1);
  }

  @Test
  void anEditThatDoesNotFitRecordsNothing() {
    AckLedger ledger = new AckLedger();
    assertThatThrownBy(
            () ->
                ledger.type(
                    "<x>",
                    () -> {
                      throw new IllegalArgumentException("does not fit");
                    }))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ledger.typed()).isEmpty();
    assertThat(ledger.settled()).isTrue();
  }
}
