package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonParser;
import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
    cluster = InProcessCluster.start(dir.resolve("cluster"));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  /** How the tests launch the CLI: named raftpad, with an editor that must not be needed. */
  private static final Invocation PLAIN = new Invocation("raftpad", List.of("false"));

  private static Run launch(
      Invocation invocation, String servers, String home, String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all =
        new ArrayList<>(
            List.of("--servers", servers, "--home", home, "--ca", TestTls.caFile().toString()));
    all.addAll(List.of(args));
    int exit =
        RaftpadCli.run(
            all.toArray(String[]::new),
            new BufferedReader(new StringReader(stdin)),
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            invocation);
    return new Run(exit, out.toString(), err.toString());
  }

  private static Run withInput(String stdin, String... args) {
    return launch(PLAIN, cluster.seeds(), home(), stdin, args);
  }

  private static Run cli(String... args) {
    return withInput("", args);
  }

  /** The CLI as bob, a second user with his own session folder. */
  private static Run bob(String... args) {
    return launch(PLAIN, cluster.seeds(), dir.resolve("bob").toString(), "", args);
  }

  /** ada's CLI with {@code editor} as $EDITOR. */
  private static Run withEditor(List<String> editor, String... args) {
    return launch(new Invocation("raftpad", editor), cluster.seeds(), home(), "", args);
  }

  private static String home() {
    return dir.resolve("home").toString();
  }

  @Test
  @Order(1)
  void aNewcomerRegistersAndSignsInAndTheTokenIsPrivate() throws Exception {
    Run registered = withInput("s3cret-password\n", "register", "ada", "--password-stdin");
    assertThat(registered.exit()).as(registered.err()).isZero();
    assertThat(registered.out()).contains("registered ada (admin); now run: raftpad login ada");

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

    String bobHome = dir.resolve("bob").toString();
    Invocation script = new Invocation("./raftpad cli", List.of("false"));
    Run bobRegistered =
        launch(
            script,
            cluster.seeds(),
            bobHome,
            "bob-password\n",
            "register",
            "bob",
            "--password-stdin");
    assertThat(bobRegistered.out()).contains("now run: ./raftpad cli login bob");
    assertThat(launch(script, cluster.seeds(), bobHome, "", "whoami").err())
        .contains("run './raftpad cli login <username>'");
    assertThat(
            launch(
                    script,
                    cluster.seeds(),
                    bobHome,
                    "bob-password\n",
                    "login",
                    "bob",
                    "--password-stdin")
                .exit())
        .isZero();
  }

  @Test
  @Order(2)
  void documentsAreCreatedEditedAndShown() throws Exception {
    Run created = cli("--json", "docs", "create", "Plans", "--text", "hello\n");
    assertThat(created.exit()).as(created.err()).isZero();
    docId = JsonParser.parseString(created.out()).getAsJsonObject().get("id").getAsString();
    // The initial text is the document's first revision (revision 0 is the empty document).
    assertThat(cli("docs", "list").out()).contains(docId, "Plans", "owner", "rev 1 ");

    assertThat(cli("docs", "edit", docId, "--append", "world").out())
        .contains("saved as revision 2");
    Path file = dir.resolve("new.txt");
    Files.writeString(file, "hello there\nworld\n", StandardCharsets.UTF_8);
    assertThat(cli("docs", "edit", docId, "--file", file.toString()).out())
        .contains("saved as revision 3");
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
        .contains("saved as revision 4");

    // Shown exactly as it is, so that show > file, edit --file file changes nothing.
    assertThat(cli("docs", "show", docId).out()).isEqualTo("hello there\nbrave new\nworld\n");
    assertThat(cli("docs", "show", docId, "--rev", "2").out()).isEqualTo("hello\nworld\n");
    assertThat(cli("docs", "show", docId, "--rev", "0").out()).isEqualTo("\n");
    assertThat(cli("docs", "list").out()).contains(docId, "Plans", "rev 4 ");
    var json = JsonParser.parseString(cli("--json", "docs", "show", docId).out()).getAsJsonObject();
    assertThat(json.get("revision").getAsLong()).isEqualTo(4);
    assertThat(json.getAsJsonObject("document").get("title").getAsString()).isEqualTo("Plans");
  }

  @Test
  @Order(3)
  void anImageIsAddedAtTheEndOfADocumentAndAFileThatIsNoImageIsRefused() throws Exception {
    Run created = cli("--json", "docs", "create", "Album", "--text", "photos\n");
    String album = JsonParser.parseString(created.out()).getAsJsonObject().get("id").getAsString();
    byte[] png = dev.raftpad.server.testing.TestImages.png(2, 2, java.awt.Color.CYAN);
    Path image = dir.resolve("dot.png");
    Files.write(image, png);
    Path text = dir.resolve("dot.txt");
    Files.writeString(text, "not an image", StandardCharsets.UTF_8);

    Run added = cli("docs", "add-image", album, image.toString());
    Run refused = cli("docs", "add-image", album, text.toString());

    assertThat(added.out())
        .as(added.err())
        .contains("added image " + dev.raftpad.document.op.ImageBytes.idOf(png) + " (revision 2)");
    assertThat(cli("docs", "show", album).out()).isEqualTo("photos\uFFFC\n");
    assertThat(refused.exit()).isEqualTo(2);
    assertThat(refused.err()).contains("dot.txt is not a PNG, JPEG or GIF image");
  }

  @Test
  @Order(3)
  void aDocumentIsNamedByATitleOrTheStartOfItsId() {
    assertThat(cli("docs", "show", "Plans").out()).startsWith("hello there");
    assertThat(cli("docs", "show", "plans").out()).startsWith("hello there"); // any case
    assertThat(cli("docs", "show", docId.substring(0, 8)).out()).startsWith("hello there");

    String twin1 = createdId(cli("--json", "docs", "create", "Twin"));
    String twin2 = createdId(cli("--json", "docs", "create", "Twin"));
    Run ambiguous = cli("docs", "show", "Twin");
    assertThat(ambiguous.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(ambiguous.err())
        .isEqualTo(
            "raftpad: 'Twin' fits 2 documents ("
                + String.join(
                    ", ",
                    java.util.stream.Stream.of(twin1, twin2)
                        .sorted()
                        .map(id -> id.substring(0, 8) + " Twin")
                        .toList())
                + "); give more of the id\n");
    assertThat(cli("docs", "rename", twin1.substring(0, 13), "Twin one").exit()).isZero();
    assertThat(cli("docs", "show", "Twin").exit()).isZero(); // only twin2 is called so now

    Run unknown = cli("docs", "show", "Nonesuch");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(unknown.err()).isEqualTo("raftpad: no document has the id or title 'Nonesuch'\n");

    assertThat(cli("docs", "delete", "Twin").exit()).isZero();
    assertThat(cli("docs", "show", "Twin").exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(cli("docs", "undelete", "Twin").out()).contains(twin2);

    // Plans is ada's: bob cannot read it until she shares it, then sees his role.
    Run notShared = bob("docs", "show", docId);
    assertThat(notShared.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(notShared.err()).contains("not shared with you");
    Run badRole = cli("docs", "share", "Plans", "bob", "--role", "boss");
    assertThat(badRole.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(badRole.err()).contains("'boss' is not a role");
    assertThat(cli("docs", "share", "Plans", "bob", "--role", "viewer").out())
        .contains("viewer     bob");
    assertThat(bob("docs", "list").out()).contains(docId, "viewer");
    Run viewerEdits = bob("docs", "edit", docId, "--append", "mine");
    assertThat(viewerEdits.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(viewerEdits.err()).contains("your role on this document is viewer");
    assertThat(cli("docs", "share", "Plans", "bob").out()).contains("editor     bob");
    Run access = cli("docs", "access", "Plans", "--link", "none");
    assertThat(access.out())
        .contains(
            "owner      ada",
            "editor     bob",
            "link       only people it is shared with",
            "ada shared it with bob (editor)",
            "ada shared it with bob (viewer)");

    // An admin lists every document (never reads it) to recover one; others may not list them.
    String bobsOwn = createdId(bob("--json", "docs", "create", "Bob's notes"));
    assertThat(cli("docs", "list").out()).doesNotContain(bobsOwn);
    assertThat(cli("docs", "list", "--all").out()).contains(bobsOwn, "owner bob");
    assertThat(cli("docs", "show", bobsOwn).exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(bob("docs", "list", "--all").exit()).isEqualTo(ExitCodes.REFUSED);
  }

  private static String createdId(Run created) {
    assertThat(created.exit()).as(created.err()).isZero();
    return JsonParser.parseString(created.out()).getAsJsonObject().get("id").getAsString();
  }

  @Test
  @Order(4)
  void appendedTextAndTheEditorsLinesStartOnALineOfTheirOwn() {
    String id = createdId(cli("--json", "docs", "create", "Scratch", "--text", "hello"));
    assertThat(cli("docs", "edit", "Scratch", "--append", "line appended").exit()).isZero();
    assertThat(cli("docs", "show", id).out()).isEqualTo("hello\nline appended\n");

    String other = createdId(cli("--json", "docs", "create", "Scratch 2", "--text", "hello"));
    // An editor that adds a line as `echo ... >> file` does: the file ended with a newline.
    Run edited =
        withEditor(
            List.of("sh", "-c", "printf 'line appended\\n' >> \"$1\"", "editor"),
            "docs",
            "edit",
            other);
    assertThat(edited.exit()).as(edited.err()).isZero();
    // The document had no final newline, and still has none: only the new line came in.
    assertThat(cli("--json", "docs", "show", other).out()).contains("\"hello\\nline appended\"");

    Run unchanged = withEditor(List.of("true"), "docs", "edit", other);
    assertThat(unchanged.out()).contains("nothing changed");
  }

  @Test
  @Order(5)
  void locksHistoryAndRestoreWork() {
    assertThat(cli("lock", "Plans", "--lease", "30").out()).contains("locked by ada until");
    assertThat(cli("docs", "list").out()).contains("locked by ada");
    assertThat(cli("unlock", docId).out()).contains("unlocked");

    assertThat(cli("history", docId).out()).contains("ada");
    assertThat(cli("version", docId, "2", "first draft").out()).contains("\"first draft\"");
    assertThat(cli("history", "Plans", "--named").out()).contains("first draft");
    assertThat(cli("diff", docId, "2", "4").out()).isEqualTo("hello{+ there\nbrave new+}\nworld\n");
    assertThat(cli("restore", docId, "2").out()).contains("restored revision 2 as revision 5");
    assertThat(cli("docs", "show", docId).out()).isEqualTo("hello\nworld\n");
  }

  @Test
  @Order(6)
  void aLockedDocumentIsRefusedBeforeTheEditorOpensAndSaysUntilWhen() throws Exception {
    assertThat(bob("lock", "Plans", "--lease", "60").exit()).isZero();
    try {
      Run appended = cli("docs", "edit", "Plans", "--append", "x");
      assertThat(appended.exit()).isEqualTo(ExitCodes.REFUSED);
      assertThat(appended.err())
          .matches(
              "raftpad: 'Plans' is locked by bob until \\d{4}-\\d\\d-\\d\\d"
                  + " \\d\\d:\\d\\d:\\d\\d\n");

      Path opened = dir.resolve("editor-opened");
      Run edited = withEditor(List.of("touch", opened.toString()), "docs", "edit", "Plans");
      assertThat(edited.exit()).isEqualTo(ExitCodes.REFUSED);
      assertThat(edited.err()).contains("locked by bob until");
      assertThat(opened).doesNotExist(); // the editor never opened
    } finally {
      assertThat(bob("unlock", "Plans").exit()).isZero();
    }
  }

  @Test
  @Order(7)
  void whatTheUserWroteIsKeptWhenTheEditCannotBeSaved() throws Exception {
    // The editor tells the test it is open, waits until bob has locked the document, then saves.
    Path opened = fifo("opened");
    Path proceed = fifo("proceed");
    Path script = dir.resolve("editor.sh");
    Files.writeString(
        script,
        """
        printf 'open\\n' > "$1"
        read answer < "$2"
        printf 'my own words\\n' >> "$3"
        """,
        StandardCharsets.UTF_8);
    var editing =
        CompletableFuture.supplyAsync(
            () ->
                withEditor(
                    List.of("sh", script.toString(), opened.toString(), proceed.toString()),
                    "docs",
                    "edit",
                    "Plans"));
    var open = CompletableFuture.supplyAsync(() -> read(opened));
    CompletableFuture.anyOf(editing, open).get(60, TimeUnit.SECONDS);
    assertThat(open).as("the editor opened (%s)", editing.getNow(null)).isDone();
    assertThat(bob("lock", "Plans").exit()).isZero();
    try {
      Files.writeString(proceed, "go\n", StandardCharsets.UTF_8);
      Run edited = editing.get(60, TimeUnit.SECONDS);

      assertThat(edited.exit()).isEqualTo(ExitCodes.REFUSED);
      assertThat(edited.err()).contains("locked by bob until", "your text is kept in ");
      Path kept = Path.of(edited.err().replaceAll("(?s).*your text is kept in (\\S+) .*", "$1"));
      assertThat(kept).content().contains("my own words");
      Files.delete(kept);
    } finally {
      assertThat(bob("unlock", "Plans").exit()).isZero();
    }
  }

  private static Path fifo(String name) throws Exception {
    Path path = dir.resolve(name);
    assertThat(new ProcessBuilder("mkfifo", path.toString()).start().waitFor()).isZero();
    return path;
  }

  private static String read(Path path) {
    try {
      return Files.readString(path, StandardCharsets.UTF_8);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  @Order(8)
  void renameDeleteAndUndelete() {
    assertThat(cli("docs", "rename", docId, "Roadmap").out()).contains("Roadmap");
    assertThat(cli("docs", "delete", docId).out()).contains("in the trash until");
    assertThat(cli("docs", "list").out()).doesNotContain(docId);
    assertThat(cli("docs", "list", "--deleted").out()).contains(docId);
    assertThat(cli("docs", "undelete", docId).out()).contains("Roadmap");
    assertThat(cli("docs", "rename", "Roadmap", "Plans").exit()).isZero();
  }

  @Test
  @Order(9)
  void commentsAndSuggestionsFromTheTerminal() {
    // bob (an editor of Plans) comments; ada answers, resolves; bob's suggestion is accepted.
    Run added = bob("comments", "add", "Plans", "--on", "world", "which one? @ada");
    assertThat(added.exit()).as(added.err()).isZero();
    assertThat(added.out()).contains("t1", "on \"world\"", "bob", "which one? @ada");
    Run missing = bob("comments", "add", "Plans", "--on", "nowhere", "x");
    assertThat(missing.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err()).contains("does not contain \"nowhere\"");
    assertThat(cli("comments", "reply", "Plans", "t1", "the round one").out())
        .contains("t1c2", "ada", "the round one");
    assertThat(cli("comments", "resolve", "Plans", "t1").out()).contains("[resolved by ada]");
    assertThat(cli("comments", "list", "Plans").out()).contains("no open comments");
    assertThat(cli("comments", "list", "Plans", "--all").out()).contains("t1c1", "t1c2");
    Run notTheAuthor = bob("comments", "delete", "Plans", "t1c2");
    assertThat(notTheAuthor.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(notTheAuthor.err()).contains("only its author or the document's owner");
    Run noThread = cli("comments", "reply", "Plans", "t9", "hello?");
    assertThat(noThread.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(noThread.err()).contains("no comment thread t9");

    assertThat(cli("suggestions", "list", "Plans").out()).isEqualTo("no suggestions\n");
    Run nothingNamed = cli("suggestions", "accept", "Plans");
    assertThat(nothingNamed.exit()).isEqualTo(ExitCodes.USAGE);
    Run unknown = cli("suggestions", "accept", "Plans", "nope");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(unknown.err()).contains("no text carries suggestion nope");
    assertThat(cli("suggestions", "reject", "Plans", "--all").out())
        .contains("every suggestion rejected");

    // bob suggests a change; ada sees who proposed what, and rejects it (later steps need the
    // text as it was; accepting is shown by the SDK's and the server's tests).
    Run suggested = bob("docs", "edit", "Plans", "--suggest", "--append", "and more");
    assertThat(suggested.exit()).as(suggested.err()).isZero();
    Run listed = cli("suggestions", "list", "Plans");
    assertThat(listed.out()).contains("bob: insert \"and more\"");
    String id = listed.out().substring(0, listed.out().indexOf(' '));
    assertThat(cli("suggestions", "reject", "Plans", id).out()).contains(id + " rejected");
    assertThat(cli("docs", "show", "Plans").out()).doesNotContain("and more");
    assertThat(cli("suggestions", "list", "Plans").out()).isEqualTo("no suggestions\n");
    assertThat(cli("comments", "list", "Plans", "--activity").out())
        .contains(
            "ada rejected " + id,
            "ada resolved t1 on \"world\"",
            "ada replied in t1",
            "bob commented on \"world\" (t1)");
  }

  @Test
  @Order(10)
  void clusterStatusIsTheLeadersViewEvenWhenAFollowerIsAsked() {
    Run status = cli("cluster", "status");
    assertThat(status.exit()).as(status.err()).isZero();
    assertThat(status.out()).contains("leader " + cluster.leaderId(), "n1", "n2", "n3", "voter");
    // The leader's own figures: how long it has led, its last election, its fsync p99.
    assertThat(status.out())
        .containsPattern(
            "  "
                + cluster.leaderId()
                + ": leader up \\d+s, last election .*, fsync p99 [\\d.]+ ms over the last minute"
                + " \\(\\d+ fsyncs; [\\d.]+ ms since it started\\)");
    var json = JsonParser.parseString(cli("--json", "cluster", "status").out()).getAsJsonObject();
    assertThat(json.get("clusterId").getAsString()).isNotEmpty();
    assertThat(json.getAsJsonObject("health").get("fsyncs").getAsLong()).isPositive();
    assertThat(json.getAsJsonObject("health").get("fsyncsLastMinute").getAsLong()).isPositive();
    // A request id of the caller's own is taken when it is a short safe token, refused otherwise.
    assertThat(cli("--request-id", "status-check-1", "cluster", "status").exit()).isZero();
    Run badId = cli("--request-id", "not a token!", "cluster", "status");
    assertThat(badId.exit()).isNotZero();
    assertThat(badId.err().strip())
        .startsWith("raftpad: a request id is 1 to 64")
        .doesNotContain("\n");
    assertThat(json.getAsJsonObject("health").get("leaderUptimeMillis").isJsonNull()).isFalse();

    String follower = cluster.aFollowerId();
    Run asked = launch(PLAIN, cluster.address(follower), home(), "", "cluster", "status");
    assertThat(asked.exit()).as(asked.err()).isZero();
    assertThat(asked.out())
        .contains("asked " + cluster.leaderId())
        .doesNotContain("UNREACHABLE", "unknown");
    assertThat(asked.out().lines().filter(l -> l.contains(" reachable"))).hasSize(2);
  }

  @Test
  @Order(10)
  void anAdminBacksTheClusterUpToAFileThatIsNeverOverwritten() throws Exception {
    Path file = dir.resolve("cluster.backup");
    Run backup = cli("cluster", "backup", file.toString());
    assertThat(backup.exit()).as(backup.err()).isZero();
    assertThat(backup.out()).startsWith("wrote " + file + ": cluster ").contains(" sha256 ");
    assertThat(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1))
        .startsWith("RAFTPAD-BACKUP 1\n");
    long size = java.nio.file.Files.size(file);

    Run again = cli("cluster", "backup", file.toString());
    assertThat(again.exit()).isNotZero();
    assertThat(again.err().strip())
        .isEqualTo("raftpad: " + file + ": exists; a backup never overwrites a file");
    assertThat(java.nio.file.Files.size(file)).isEqualTo(size);
  }

  @Test
  @Order(11)
  void watchPrintsLiveEventsAsSentences() throws Exception {
    var watching =
        CompletableFuture.supplyAsync(
            // Ten events: at most three are about the connection and presence, the rest edits.
            () -> cli("watch", "Plans", "--count", "10"));
    // Edit until the watcher has seen enough (it may subscribe after the first edits).
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    int n = 0;
    while (!watching.isDone() && System.nanoTime() < deadline) {
      cli("docs", "edit", docId, "--append", "w" + n++);
    }
    Run watched = watching.get(30, TimeUnit.SECONDS);
    assertThat(watched.exit()).as(watched.err()).isZero();
    assertThat(watched.out()).contains("Plans: ada saved revision ").doesNotContain(docId);
  }

  @Test
  @Order(12)
  void watchLinesNamePeopleDocumentsAndPositions() {
    var ada = new dev.raftpad.client.sdk.model.User("u1", "ada", "Ada", true, "#000000");
    var plans =
        new dev.raftpad.client.sdk.model.DocumentInfo(
            docId,
            "Plans",
            java.util.Optional.of(ada),
            java.time.Instant.EPOCH,
            java.time.Instant.EPOCH,
            4,
            10,
            java.util.Optional.empty(),
            false,
            java.util.Optional.empty(),
            dev.raftpad.client.sdk.model.DocumentRole.OWNER,
            dev.raftpad.client.sdk.model.DocumentRole.NONE);
    WatchLines lines = new WatchLines(List.of(plans));
    assertThat(lines.line(new dev.raftpad.client.sdk.events.RaftpadEvent.PresenceJoined("", ada)))
        .isEqualTo("ada came online");
    assertThat(
            lines.line(new dev.raftpad.client.sdk.events.RaftpadEvent.PresenceJoined(docId, ada)))
        .isEqualTo("ada opened Plans");
    assertThat(
            lines.line(
                new dev.raftpad.client.sdk.events.RaftpadEvent.CursorMoved(
                    docId, ada, "c1", 4, dev.raftpad.document.op.Selection.caret(87))))
        .isEqualTo("Plans: ada moved the cursor to 87");
    assertThat(
            lines.line(
                new dev.raftpad.client.sdk.events.RaftpadEvent.CursorMoved(
                    docId, ada, "c1", 4, new dev.raftpad.document.op.Selection(90, 80))))
        .isEqualTo("Plans: ada selected 80-90");
  }

  @Test
  @Order(13)
  void errorsAreOneSentenceWithTheDocumentedExitCodes() throws Exception {
    Run unknown = cli("docs", "show", "00000000-0000-0000-0000-000000000000");
    assertThat(unknown.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(unknown.err())
        .isEqualTo("raftpad: no document 00000000-0000-0000-0000-000000000000\n");

    Run usage = cli("docs", "show");
    assertThat(usage.exit()).isEqualTo(ExitCodes.USAGE);

    Path missing = dir.resolve("missing.txt");
    Run noFile = cli("docs", "edit", "Plans", "--file", missing.toString());
    assertThat(noFile.exit()).isEqualTo(ExitCodes.LOCAL);
    assertThat(noFile.err()).isEqualTo("raftpad: there is no file " + missing + "\n");

    Path patch = dir.resolve("stale.diff");
    Files.writeString(
        patch,
        """
        --- a/plans.txt
        +++ b/plans.txt
        @@ -1,2 +1,2 @@
        -text that is not there
        +other text
         world
        """,
        StandardCharsets.UTF_8);
    Run stale = cli("docs", "edit", "Plans", "--patch", patch.toString());
    assertThat(stale.exit()).isEqualTo(ExitCodes.LOCAL);
    assertThat(stale.err())
        .startsWith("raftpad: the patch in " + patch + " does not apply")
        .doesNotContainPattern("[A-Z]{2,}_[A-Z]{2,}")
        .hasLineCount(1);

    Run noLlm = cli("ai", "summarize", docId);
    assertThat(noLlm.exit()).isEqualTo(ExitCodes.UNREACHABLE);
    assertThat(noLlm.err())
        .startsWith("raftpad: no LLM node is configured")
        .doesNotContain("LLM_UNAVAILABLE")
        .hasLineCount(1);
    for (String[] aiCall :
        List.of(
            new String[] {"ai", "ask", docId, "What is planned?", "--revision", "1"},
            new String[] {"ai", "improve", docId, "--from", "0", "--to", "3"})) {
      Run unreachable = cli(aiCall);
      assertThat(unreachable.exit()).as(String.join(" ", aiCall)).isEqualTo(ExitCodes.UNREACHABLE);
      assertThat(unreachable.err()).startsWith("raftpad: no LLM node is configured");
    }
    // The question is checked (after access) before the LLM node is needed.
    Run blank = cli("ai", "ask", docId, "  ");
    assertThat(blank.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(blank.err()).startsWith("raftpad: ").contains("question").hasLineCount(1);
    Run future = cli("ai", "ask", docId, "Why?", "--revision", "999");
    assertThat(future.exit()).isEqualTo(ExitCodes.REFUSED);
    assertThat(future.err()).contains("999");

    Run verbose = cli("--verbose", "docs", "show", "00000000-0000-0000-0000-000000000000");
    assertThat(verbose.err()).contains("at dev.raftpad"); // the stack trace, on request only
  }

  @Test
  @Order(14)
  void theShellCompletesDocumentsByIdAndTitle() {
    RaftpadCli shell = new RaftpadCli();
    shell.servers = cluster.seeds();
    shell.ca = TestTls.caFile();
    shell.home = Path.of(home());
    try (CliRuntime runtime =
        new CliRuntime(
            new BufferedReader(new StringReader("")),
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            false,
            PLAIN)) {
      shell.runtime = runtime;
      CommandCompleter completer = ShellCommand.completer(shell);
      assertThat(completer.suggestions(List.of("docs", "show")))
          .containsEntry(docId, "Plans")
          .containsEntry("Plans", docId.substring(0, 8));
      assertThat(completer.suggestions(List.of("diff"))).containsKey(docId);
      assertThat(completer.suggestions(List.of("diff", docId))).doesNotContainKey(docId);
      assertThat(completer.suggestions(List.of("docs", "show", "--rev"))).isEmpty();
    }
  }

  @Test
  @Order(15)
  void theShellRunsEveryCommandOnOneConnection() {
    Run shell =
        withInput("whoami\ndocs show " + docId + "\ndocs show nope\nexit\nwhoami\n", "shell");
    assertThat(shell.exit()).isZero();
    assertThat(shell.out()).contains("Raftpad shell", "ada (admin)", "hello\nworld\nw0\nw1\n");
    assertThat(shell.err()).contains("no document has the id or title 'nope'", "(exit 1)");
    assertThat(shell.out().split("ada \\(admin\\)", -1)).hasSize(2); // nothing ran after exit
  }

  @Test
  @Order(16)
  void afterLogoutCommandsSayHowToSignIn() {
    assertThat(cli("logout").out()).contains("signed out");
    Run whoami = cli("whoami");
    assertThat(whoami.exit()).isEqualTo(ExitCodes.NOT_SIGNED_IN);
    assertThat(whoami.err()).contains("raftpad login");
  }
}
