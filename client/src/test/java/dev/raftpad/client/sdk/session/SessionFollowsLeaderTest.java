package dev.raftpad.client.sdk.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.TestAccounts;
import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.document.op.Operation;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An editing session's channel follows the leader (issue 19): after a leadership hand-over, which
 * leaves the former leader running, the session's stream moves to the new leader by itself instead
 * of forwarding every operation through the former one, and nothing typed before or after the move
 * is lost or applied twice. Three real nodes over loopback gRPC.
 */
class SessionFollowsLeaderTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aSessionMovesToTheNewLeaderAfterAHandOverAndKeepsEveryKeystroke() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir);
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada")) {
      DocumentInfo doc = ada.documents().create("Moving", "");
      try (DocumentSession session = ada.openDocument(doc.id())) {
        StringBuilder typed = new StringBuilder();
        Await.until(
            "the session is live",
            WAIT,
            () -> session.connectionState() == ConnectionState.CONNECTED);
        String former = cluster.leaderId();
        Await.until(
            "the session's channel is at the leader",
            WAIT,
            () -> cluster.node(former).openStreams() == 1);

        type(session, typed, "before ");
        // Nothing in flight during the hand-over: a write refused meanwhile would move the channel
        // too (to the leader, after a failed attempt), and this is about the move by itself.
        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        String successor = cluster.aFollowerId();
        var unused = ada.cluster().transferLeadership(successor);
        Await.until(
            "the channel moved to the new leader " + successor,
            WAIT,
            () ->
                cluster.node(successor).openStreams() == 1
                    && cluster.node(former).openStreams() == 0);
        type(session, typed, "after");

        assertThat(session.awaitSynchronized(WAIT)).isTrue();
        assertThat(cluster.leaderId()).isEqualTo(successor);
        assertThat(session.document().text()).isEqualTo(typed.toString());
        assertThat(ada.documents().get(doc.id()).text()).isEqualTo(typed.toString());
      }
    }
  }

  /** Types {@code text} one character per operation, as a person does. */
  private static void type(DocumentSession session, StringBuilder typed, String text) {
    for (int i = 0; i < text.length(); i++) {
      String key = text.substring(i, i + 1);
      var unused = session.localEdit(Operation.insert(session.document().length(), key));
      typed.append(key);
    }
  }
}
