package dev.raftpad.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class ClosedClientTest {
  @Test
  void aClosedClientFailsAtOnceInsteadOfRetryingUntilItsDeadline() {
    RaftpadClient client = RaftpadClient.connect("127.0.0.1:1");
    client.close();

    RaftpadException e =
        catchThrowableOfType(RaftpadException.class, () -> client.documents().list());

    assertThat(e.reason()).isEqualTo(RaftpadException.Reason.CANCELLED);
    assertThat(e.getMessage()).contains("closed");
  }
}
