package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.raftpad.client.sdk.InProcessCluster;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A newcomer's whole session through the {@code raftpad} CLI against a real 3-node cluster:
 * register, login, documents, edits (append, file, patch), locks, history, cluster status, errors
 * as one line with the documented exit codes, JSON output, and the shell. The steps build on each
 * other, so they run in order on one cluster.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class CliSessionTest {
  @TempDir static Path dir;
  private static InProcessCluster cluster;
  private static String docId;

  /** What one CLI run printed and returned. */
  record Run(int exit, String out, String err) {}

  @BeforeAll
  static void start() throws Exception {
    cluster = new InProcessCluster(dir.resolve("cluster"));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  private static Run withInput(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of("--servers", cluster.seeds(), "--home", home()));
    all.addAll(List.of(args));
    int exit =
        RaftpadCli.run(
            all.toArray(String[]::new),
            new BufferedReader(new StringReader(stdin)),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run cli(String... args) {
    return withInput("", args);
  }

  private static String home() {
    return dir.resolve("home").toString();
  }

  @Test
  @Order(1)
  void aNewcomerRegistersAndSignsInAndTheTokenIsPrivate() throws Exception {
    Run registered = withInput("s3cret-password\n", "register", "ada", "--password-stdin");
    assertThat(registered.exit()).as(registered.err()).isZero();
    assertThat(registered.out()).contains("registered ada (admin)");

    Run wrong = withInput("not-the-password\n", "login", "ada", "--password-stdin");
    assertThat(wrong.exit()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(wrong.err().strip()).startsWith("raftpad: ").doesNotContain("\n", "Exception");

    Run login = withInput("s3cret-password\n", "login", "ada", "--password-stdin");
    assertThat(login.exit()).as(login.err()).isZero();
    assertThat(login.out()).contains("signed in as ada").doesNotContain("token");
    Path session = dir.resolve("home").resolve("session.properties");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(session)))
        .isEqualTo("rw-------");
    assertThat(cli("whoami").out()).contains("ada (admin)");
  }

  @Test
  @Order(2)
  void documentsAreCreatedEditedAndShown() throws Exception {
    Run created = cli("--json", "docs", "create", "Plans", "--text", "hello\n");
    assertThat(created.exit()).as(created.err()).isZero();
    docId = JsonParser.parseString(created.out()).getAsJsonObject().get("id").getAsString();

    assertThat(cli("docs", "edit", docId, "--append", "world\n").out())
        .contains("saved as revision 1");
    Path file = dir.resolve("new.txt");
    Files.writeString(file, "hello there\nworld\n", StandardCharsets.UTF_8);
    assertThat(cli("docs", "edit", docId, "--file", file.toString()).out())
        .contains("saved as revision 2");
    Path patch = dir.resolve("change.diff");
    Files.writeString(
        patch,
        """
        --- a/plans.txt
        +++ b/plans.txt
        @@ -1,2 +1,3 @@
         hello there
        +brave new
         world
        """,
        StandardCharsets.UTF_8);
    assertThat(cli("docs", "edit", docId, "--patch", patch.toString()).out())
        .contains("saved as revision 3");

    assertThat(cli("docs", "show", docId).out()).isEqualTo("hello there\nbrave new\nworld\n\n");
    assertThat(cli("docs", "show", docId, "--rev", "1").out()).isEqualTo("hello\nworld\n\n");
    assertThat(cli("docs", "list").out()).contains(docId, "Plans", "rev 3");
    var json = JsonParser.parseString(cli("--json", "docs", "show", docId).out()).getAsJsonObject();
    assertThat(json.get("revision").getAsLong()).isEqualTo(3);
    assertThat(json.getAsJsonObject("document").get("title").getAsString()).isEqualTo("Plans");
  }

  @Test
  @Order(3)
  void locksHistoryAndRestoreWork() {
    assertThat(cli("lock", docId, "--lease", "30").out()).contains("locked by ada");
    assertThat(cli("docs", "list").out()).contains("locked by ada");
    assertThat(cli("unlock", docId).out()).contains("unlocked");

    assertThat(cli("history", docId).out()).contains("ada");
    assertThat(cli("version", docId, "1", "first draft").out()).contains("\"first draft\"");
    assertThat(cli("history", docId, "--named").out()).contains("first draft");
    assertThat(cli("diff", docId, "1", "3").out())
        .isEqualTo("hello{+ there\nbrave new+}\nworld\n\n");
    assertThat(cli("restore", docId, "1").out()).contains("restored revision 1 as revision 4");
    assertThat(cli("docs", "show", docId).out()).isEqualTo("hello\nworld\n\n");
  }

  @Test
  @Order(4)
  void renameDeleteAndUndelete() {
    assertThat(cli("docs", "rename", docId, "Roadmap").out()).contains("Roadmap");
    assertThat(cli("docs", "delete", docId).out()).contains("in the trash until");
    assertThat(cli("docs", "list").out()).doesNotContain(docId);
    assertThat(cli("docs", "list", "--deleted").out()).contains(docId);
    assertThat(cli("docs", "undelete", docId).out()).contains("Roadmap");
  }

  @Test
  @Order(5)
  void clusterStatusNamesTheLeader() {
    Run status = cli("cluster", "status");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("leader " + cluster.leader(), "n1", "n2", "n3", "voter");
  }

  @Test
  @Order(6)
  void watchPrintsLiveEventsAsTheyHappen() throws Exception {
    var watching =
        java.util.concurrent.CompletableFuture.supplyAsync(
            // Ten events: at most three are about the connection and presence, the rest edits.
            () -> cli("watch", docId, "--count", "10"));
    // Edit until the watcher has seen enough (it may subscribe after the first edits).
    long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
    int n = 0;
    while (!watching.isDone() && System.nanoTime() < deadline) {
      cli("docs", "edit", docId, "--append", "w" + n++);
    }
    Run watched = watching.get(30, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(watched.exit()).as(watched.err()).isZero();
    assertThat(watched.out()).contains(docId + " rev ", " by ada");
  }

  @Test
  @Order(7)
  void errorsAreOneLineWithTheDocumentedExitCodes() {
    Run unknown = cli("docs", "show", "no-such-document");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(unknown.err().strip())
        .startsWith("raftpad: ")
        .contains("DOCUMENT_NOT_FOUND")
        .doesNotContain("\n", "at dev.");

    Run usage = cli("docs", "show");
    assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);

    Run noLlm = cli("ai", "summarize", docId);
    assertThat(noLlm.exit()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(noLlm.err()).contains("LLM_UNAVAILABLE");

    Run verbose = cli("--verbose", "docs", "show", "no-such-document");
    assertThat(verbose.err()).contains("at dev.raftpad"); // the stack trace, on request only
  }

  @Test
  @Order(8)
  void theShellRunsEveryCommandOnOneConnection() {
    Run shell =
        withInput("whoami\ndocs show " + docId + "\ndocs show nope\nexit\nwhoami\n", "shell");
    assertThat(shell.exit()).isZero();
    assertThat(shell.out()).contains("Raftpad shell", "ada (admin)", "hello\nworld\nw0w1");
    assertThat(shell.err()).contains("DOCUMENT_NOT_FOUND", "(exit 1)");
    assertThat(shell.out().split("ada \\(admin\\)", -1)).hasSize(2); // nothing ran after exit
  }

  @Test
  @Order(9)
  void afterLogoutCommandsSayHowToSignIn() {
    assertThat(cli("logout").out()).contains("signed out");
    Run whoami = cli("whoami");
    assertThat(whoami.exit()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(whoami.err()).contains("raftpad login");
  }
}
