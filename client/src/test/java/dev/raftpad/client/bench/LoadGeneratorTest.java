package dev.raftpad.client.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator counts what it claims to: every operation it reports was typed, confirmed and
 * received by the owner and every watcher, with none missed — through sessions on the edit channel
 * and through unary calls. (A second or two of load; figures are not judged.)
 */
class LoadGeneratorTest {
  @TempDir Path root;

  /** Fails the test when an editor stops typing. */
  private static final LoadGenerator.Observer EDITORS_MUST_NOT_STOP =
      new LoadGenerator.Observer() {
        @Override
        public void editorStopped(String editor, RuntimeException failure) {
          throw new AssertionError(editor + " stopped", failure);
        }
      };

  @Test
  void everyTypedOperationReachesEveryWatcherInBothModes() throws Exception {
    ClientOptions options = ClientOptions.defaults().withTrustedCa(TestTls.trustedCa());
    try (InProcessCluster cluster = InProcessCluster.start(InProcessCluster.settings(root));
        RaftpadClient owner =
            RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), options)) {
      owner.register("load", "load-password", "Load");
      owner.login("load", "load-password", "owner");
      LoadAccounts accounts =
          new LoadAccounts(
              () -> RaftpadClient.connect(SeedAddresses.parse(cluster.seeds()), options),
              owner,
              "load",
              "load-password");
      for (boolean sessions : List.of(true, false)) {
        LoadGenerator.Figures figures =
            LoadGenerator.run(
                new LoadGenerator.Settings(
                    3, 2, Duration.ofMillis(300), Duration.ofSeconds(1), sessions, 4, 0, false),
                owner,
                accounts::editor,
                accounts::watcherAccount,
                EDITORS_MUST_NOT_STOP);

        assertThat(figures.mode()).isEqualTo(sessions ? "sessions" : "unary");
        assertThat(figures.operations()).isPositive();
        assertThat(figures.missed()).as("operations some watcher never received").isZero();
        // The owner and each of the 2 watchers of a document receive every measured operation (a
        // session's own edit can outrun the generator's note of when it was typed, so not all are
        // timed).
        assertThat(figures.receipts()).isGreaterThan(2 * figures.operations());
      }

      // Spread: two editors per document, each typing at the end of a line of its own.
      LoadGenerator.Figures spread =
          LoadGenerator.run(
              new LoadGenerator.Settings(
                  4, 2, Duration.ofMillis(300), Duration.ofSeconds(1), true, 4, 0, true),
              owner,
              accounts::editor,
              accounts::watcherAccount,
              EDITORS_MUST_NOT_STOP);
      assertThatThrownBy(
              () ->
                  new LoadGenerator.Settings(
                      4, 2, Duration.ofMillis(300), Duration.ofSeconds(1), false, 0, 0, true))
          .as("unary editors do not know where their line is")
          .hasMessage(LoadGenerator.Settings.SPREAD_NEEDS_SESSIONS);
      assertThat(spread.operations()).isPositive();
      assertThat(spread.missed()).isZero();
      // Only the spread run's documents have lines: each editor's line holds its typing alone.
      List<String> texts =
          owner.documents().list().items().stream()
              .map(info -> owner.documents().get(info.id()).text())
              .filter(text -> text.contains("\n"))
              .toList();
      assertThat(texts).hasSize(2);
      for (String text : texts) {
        assertThat(text).matches("x+\nx+\n\n?");
      }
    }
  }
}
