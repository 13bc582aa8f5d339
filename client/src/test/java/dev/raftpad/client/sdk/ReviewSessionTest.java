package dev.raftpad.client.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.RaftpadException.Reason;
import dev.raftpad.client.sdk.model.CommentThread;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.DocumentReview;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.Suggestion;
import dev.raftpad.client.sdk.session.DocumentSession;
import dev.raftpad.client.sdk.session.SessionEvent;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.review.Decision;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Comments and suggestions through the SDK's editing sessions against a real cluster (ADR 0012): a
 * commenter in suggesting mode, an editor who accepts and undoes, comment anchors that each session
 * moves exactly as the server does.
 */
class ReviewSessionTest {
  private static final Duration WAIT = Await.WAIT;
  private static final String PASSWORD = "correct horse battery";

  @TempDir Path root;
  private InProcessCluster cluster;
  private final List<RaftpadClient> clients = new ArrayList<>();
  private RaftpadClient ada; // owner, editor
  private RaftpadClient grace; // commenter
  private DocumentInfo doc;

  @BeforeEach
  void start() throws Exception {
    cluster = InProcessCluster.start(InProcessCluster.settings(root).withSize(1));
    ada = signedIn("ada");
    grace = signedIn("grace");
    doc = ada.documents().create("Plans", "hello world\n");
    var unused = ada.sharing().share(doc.id(), "grace", DocumentRole.COMMENTER);
  }

  @AfterEach
  void stop() throws Exception {
    clients.forEach(RaftpadClient::close);
    cluster.close();
  }

  private RaftpadClient signedIn(String user) {
    RaftpadClient client =
        RaftpadClient.connect(
            SeedAddresses.parse(cluster.seeds()),
            ClientOptions.defaults()
                .withTrustedCa(TestTls.trustedCa())
                .withTimeouts(Duration.ofSeconds(3), WAIT));
    clients.add(client);
    client.register(user, PASSWORD, user);
    client.login(user, PASSWORD, "test");
    return client;
  }

  private static void bothAt(DocumentSession a, DocumentSession b) throws InterruptedException {
    assertThat(a.awaitSynchronized(WAIT)).isTrue();
    assertThat(b.awaitSynchronized(WAIT)).isTrue();
    Await.until(
        "both sessions at one revision",
        WAIT,
        () -> a.revision() == b.revision() && a.text().equals(b.text()));
  }

  @Test
  void aCommentersSuggestionIsAcceptedByAnEditorAndUndone() throws Exception {
    try (DocumentSession mine = ada.openDocument(doc.id());
        DocumentSession theirs = grace.openDocument(doc.id())) {
      theirs.setSuggesting(true);
      theirs.localEdit(Operation.builder().retain(6).delete(5).insert("there").build());
      bothAt(mine, theirs);

      assertThat(mine.text()).isEqualTo("hello worldthere\n");
      List<Suggestion> seen = mine.suggestions();
      assertThat(seen).hasSize(1);
      Suggestion suggestion = seen.get(0);
      assertThat(suggestion.author())
          .hasValueSatisfying(u -> assertThat(u.username()).isEqualTo("grace"));
      assertThat(suggestion.deleted()).isEqualTo("world");
      assertThat(suggestion.inserted()).isEqualTo("there");

      // Typing on goes into the same suggestion; the commenter's own suggested text really goes.
      theirs.localEdit(Operation.builder().retain(16).insert("!").build());
      theirs.localEdit(Operation.builder().retain(16).delete(1).build());
      bothAt(mine, theirs);
      assertThat(mine.suggestions()).extracting(Suggestion::id).containsExactly(suggestion.id());
      assertThat(mine.text()).isEqualTo("hello worldthere\n");

      assertThat(mine.resolveSuggestions(Set.of(suggestion.id()), Decision.ACCEPT)).isPresent();
      bothAt(mine, theirs);
      assertThat(theirs.text()).isEqualTo("hello there\n");
      assertThat(theirs.suggestions()).isEmpty();

      assertThat(mine.undo()).isPresent();
      bothAt(mine, theirs);
      assertThat(theirs.text()).isEqualTo("hello worldthere\n");
      assertThat(theirs.suggestions()).extracting(Suggestion::id).containsExactly(suggestion.id());
    }
  }

  @Test
  void aCommenterCannotResolveOrTypeDirectly() {
    var unused = grace.edits(); // the one-shot API: a plain edit is refused at apply time
    RaftpadException refused =
        catchThrowableOfType(
            RaftpadException.class,
            () -> grace.edits().submit(doc.id(), "g", 1, 1, Operation.insert(0, "x")));
    assertThat(refused.reason()).isEqualTo(Reason.NOT_ALLOWED);
    RaftpadException resolve =
        catchThrowableOfType(
            RaftpadException.class,
            () -> grace.review().resolveSuggestions(doc.id(), List.of(), Decision.ACCEPT));
    assertThat(resolve.reason()).isEqualTo(Reason.NOT_ALLOWED);
  }

  @Test
  void threadsArriveLiveAndEverySessionMovesThemAsTheServerDoes() throws Exception {
    try (DocumentSession mine = ada.openDocument(doc.id());
        DocumentSession theirs = grace.openDocument(doc.id())) {
      List<SessionEvent.ThreadChanged> heard = new CopyOnWriteArrayList<>();
      mine.addListener(
          e -> {
            if (e instanceof SessionEvent.ThreadChanged changed) {
              heard.add(changed);
            }
          });
      var started = theirs.startThread(new Selection(6, 11), "which world?", WAIT);
      assertThat(started.thread().quotedText()).isEqualTo("world");
      Await.until("the thread reaches the other session", WAIT, () -> !heard.isEmpty());

      // Both type around it; everyone's anchor is the server's.
      for (int i = 0; i < 5; i++) {
        mine.localEdit(Operation.insert(0, "a"));
        theirs.localEdit(
            Operation.builder().retain(theirs.document().length() - 1).insert("z").build());
      }
      bothAt(mine, theirs);
      DocumentReview server = ada.review().get(doc.id());
      CommentThread onServer = server.threads().get(0);
      assertThat(mine.threads())
          .extracting(CommentThread::anchor)
          .containsExactly(onServer.anchor());
      assertThat(theirs.threads())
          .extracting(CommentThread::anchor)
          .containsExactly(onServer.anchor());
      assertThat(mine.text().substring(onServer.anchor().start(), onServer.anchor().end()))
          .isEqualTo("world");

      var unusedReply = ada.review().reply(doc.id(), onServer.id(), "the big one");
      Await.until(
          "the reply reaches the commenter's session",
          WAIT,
          () -> theirs.threads().get(0).comments().size() == 2);
    }
  }
}
