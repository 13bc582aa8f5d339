package dev.raftpad.server.state;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SessionIndexTest {
  @Test
  void aSessionIsFoundUntilItExpiresAndNeverAfter() {
    SessionIndex index = new SessionIndex();
    byte[] hash = {1, 2, 3};
    index.put(hash, new SessionIndex.Session("s1", "u1", 1_000));

    assertThat(index.find(hash, 999)).isNotNull();
    assertThat(index.find(hash, 1_000)).as("expired at its expiry instant").isNull();
    assertThat(index.find(new byte[] {9}, 0)).as("unknown token").isNull();
  }
}
