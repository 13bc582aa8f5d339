package dev.raftpad.client.sdk.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Streams are spread over the members by client id, and a membership change moves few of them. */
class StreamPlacementTest {
  private static final List<String> THREE = List.of("h:1", "h:2", "h:3");

  private static List<String> clients(int n) {
    var random = new java.util.Random(7);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(new UUID(random.nextLong(), random.nextLong()).toString());
    }
    return ids;
  }

  @Test
  void oneClientAlwaysGetsTheSameMemberWhateverTheOrderTheyAreListedIn() {
    for (String client : clients(50)) {
      assertThat(StreamPlacement.memberFor(client, THREE))
          .isEqualTo(StreamPlacement.memberFor(client, List.of("h:3", "h:1", "h:2")));
    }
  }

  @Test
  void clientsAreSpreadOverEveryMember() {
    Map<String, Integer> perMember = new HashMap<>();
    for (String client : clients(3_000)) {
      perMember.merge(StreamPlacement.memberFor(client, THREE), 1, Integer::sum);
    }

    assertThat(perMember).containsOnlyKeys(THREE);
    // 1,000 each on average; far from it would mean the hash favours a member.
    assertThat(perMember.values()).allSatisfy(n -> assertThat(n).isBetween(850, 1_150));
  }

  @Test
  void aMemberLeavingMovesOnlyTheClientsItServed() {
    List<String> two = List.of("h:1", "h:3");
    for (String client : clients(1_000)) {
      String before = StreamPlacement.memberFor(client, THREE);
      String after = StreamPlacement.memberFor(client, two);
      if (!before.equals("h:2")) {
        assertThat(after).isEqualTo(before);
      }
    }
  }
}
