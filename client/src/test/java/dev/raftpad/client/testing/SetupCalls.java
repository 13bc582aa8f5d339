package dev.raftpad.client.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The setup calls of tests against a freshly started cluster of real processes: calls the SDK does
 * not retry once they may have reached the server (register, login, create) are repeated while the
 * cluster still elects its leader. A second session or an extra empty document does not matter
 * there.
 */
public final class SetupCalls {
  private SetupCalls() {}

  /** Runs {@code call}, again after each transient failure, for up to {@code within}. */
  public static <T> T retried(Duration within, Supplier<T> call) {
    long deadline = System.nanoTime() + within.toNanos();
    while (true) {
      try {
        return call.get();
      } catch (RaftpadException e) {
        if (!e.reason().isTransient() || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }

  /** Registers {@code user}; a retry after a lost answer finds the account there already. */
  public static void registered(
      Duration within, RaftpadClient client, String user, String password) {
    try {
      retried(within, () -> client.register(user, password, user));
    } catch (RaftpadException e) {
      assertThat(e.reason()).isEqualTo(RaftpadException.Reason.USERNAME_TAKEN);
    }
  }
}
