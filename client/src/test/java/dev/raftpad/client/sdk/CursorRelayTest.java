package dev.raftpad.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.events.ConnectionState;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.document.op.Selection;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Carets reach the other clients of a document, and the last one sent is the one that stays. */
class CursorRelayTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  @Test
  void aBurstOfCaretMovesEndsAtTheLastPositionForEveryoneElse() throws Exception {
    try (InProcessCluster cluster = InProcessCluster.start(dir);
        RaftpadClient ada = TestAccounts.signedIn(cluster.seeds(), "ada");
        RaftpadClient bob = TestAccounts.signedIn(cluster.seeds(), "bob")) {
      DocumentInfo doc = ada.documents().create("Carets", "0123456789".repeat(5));
      var unused = ada.sharing().share(doc.id(), "bob", DocumentRole.EDITOR);
      try (DocumentSession adaSession = ada.openDocument(doc.id());
          DocumentSession bobSession = bob.openDocument(doc.id())) {
        // Carets are relayed live, never replayed: both streams must be live first.
        Await.until(
            "both live and synchronized",
            WAIT,
            () ->
                adaSession.connectionState() == ConnectionState.CONNECTED
                    && bobSession.connectionState() == ConnectionState.CONNECTED
                    && adaSession.isSynchronized()
                    && bobSession.isSynchronized());

        for (int position = 0; position <= 40; position++) {
          assertThat(adaSession.updateCursor(new Selection(position, position))).isTrue();
        }

        Await.until(
            "bob sees ada's last caret",
            WAIT,
            () -> bobSession.remoteCarets().values().contains(new Selection(40, 40)));
        // Nothing older overtakes it afterwards: the relay is ordered, latest wins.
        assertThat(bobSession.remoteCarets().values()).containsExactly(new Selection(40, 40));

        // Ada leaves the document: her caret leaves with her, and bob hears she left.
        var left = new java.util.concurrent.CopyOnWriteArrayList<String>();
        bobSession.addListener(
            e -> {
              if (e instanceof dev.raftpad.client.sdk.session.SessionEvent.PresenceChanged p
                  && !p.joined()) {
                left.add(p.user().username());
              }
            });
        adaSession.close();
        Await.until("bob heard ada leave", WAIT, () -> left.contains("ada"));
        Await.until("ada's caret is gone", WAIT, () -> bobSession.remoteCarets().isEmpty());
      }
    }
  }
}
