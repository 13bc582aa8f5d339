package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.sdk.model.User;
import dev.raftpad.client.sdk.model.Version;
import dev.raftpad.desktop.settings.MemorySettings;
import dev.raftpad.desktop.testing.QueueExecutor;
import dev.raftpad.desktop.testing.TestClients;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.Selection;
import dev.raftpad.document.text.Document;
import dev.raftpad.server.testing.InProcessCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * View models against a real one-node cluster, without the JavaFX toolkit: the UI executor is a
 * queue this thread drains, the background executor runs calls in place.
 */
class CollaborationViewModelsTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;
  private static int users;

  private final QueueExecutor ui = new QueueExecutor();
  private final Threads threads = new Threads(ui, Runnable::run);
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = InProcessCluster.start(InProcessCluster.settings(dir).withSize(1));
  }

  @AfterAll
  static void stopCluster() throws Exception {
    cluster.close();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : open.reversed()) {
      c.close();
    }
  }

  @Test
  void aClusterWithACaOfItsOwnIsReachedByNamingItsCaFileWhichIsRemembered() {
    MemorySettings settings = new MemorySettings();
    // The app's connector with the JDK's trust only: the test cluster's CA is nobody's default.
    dev.raftpad.client.sdk.ClientOptions plain =
        dev.raftpad.client.sdk.ClientOptions.defaults().withEventExecutor(ui);
    SignInViewModel form =
        new SignInViewModel(
            settings,
            threads,
            (seeds, ca) ->
                dev.raftpad.client.sdk.RaftpadClient.connect(
                    dev.raftpad.client.SeedAddresses.parse(seeds),
                    ca.map(plain::withTrustedCa).orElse(plain)));
    String username = "carol" + ++users;
    form.serversProperty().set(cluster.seeds());
    form.usernameProperty().set(username);
    form.passwordProperty().set("password-" + username);
    AtomicReference<SignInViewModel.SignedIn> signedIn = new AtomicReference<>();

    form.register(signedIn::set);
    ui.drainUntil("refused", () -> !form.errorProperty().get().isEmpty());
    assertThat(signedIn.get()).as("without the cluster's CA nothing is trusted").isNull();

    form.caFileProperty().set(dev.raftpad.testkit.TestTls.caFile().toString());
    form.register(signedIn::set);
    ui.drainUntil("signed in", () -> signedIn.get() != null);
    open.add(signedIn.get().client());
    assertThat(settings.get(dev.raftpad.desktop.settings.ClusterTrust.CA_KEY))
        .contains(dev.raftpad.testkit.TestTls.caFile().toString());
  }

  /** A workspace of a new user, signed in through the sign-in view model. */
  private WorkspaceViewModel signIn(String name) {
    String username = name.toLowerCase(java.util.Locale.ROOT) + ++users;
    SignInViewModel form =
        new SignInViewModel(
            new MemorySettings(), threads, (seeds, ca) -> TestClients.client(cluster, ui));
    form.serversProperty().set(cluster.seeds());
    form.usernameProperty().set(username);
    form.passwordProperty().set("password-" + username);
    form.displayNameProperty().set(name);
    AtomicReference<SignInViewModel.SignedIn> signedIn = new AtomicReference<>();
    form.register(signedIn::set);
    ui.drainUntil(
        "signed in", () -> signedIn.get() != null || !form.errorProperty().get().isEmpty());
    assertThat(form.errorProperty().get()).isEmpty();
    WorkspaceViewModel workspace =
        new WorkspaceViewModel(signedIn.get().client(), signedIn.get().user(), threads);
    // Closing the workspace signs out and closes its client.
    open.add(workspace);
    workspace.start();
    return workspace;
  }

  private EditorViewModel open(WorkspaceViewModel workspace, String documentId, Mirror mirror) {
    AtomicReference<EditorViewModel> editor = new AtomicReference<>();
    workspace.open(documentId, editor::set);
    ui.drainUntil("the editor", () -> editor.get() != null);
    open.add(editor.get());
    mirror.text = editor.get().document();
    editor.get().attach(mirror);
    return editor.get();
  }

  /** A document every signed-in user may edit: these tests are about editing together. */
  private String create(WorkspaceViewModel workspace, String title, String text) {
    String id = workspace.client().documents().create(title, text).id();
    var unused =
        workspace
            .client()
            .sharing()
            .setLinkAccess(id, dev.raftpad.client.sdk.model.DocumentRole.EDITOR);
    return id;
  }

  /** What a text area would show: remote operations applied one by one. */
  static final class Mirror implements EditorViewModel.Surface {
    Document text = Document.empty();

    @Override
    public void apply(Operation operation) {
      text = text.apply(operation);
    }

    @Override
    public void restyle() {}

    @Override
    public void reset(Document document) {
      text = document;
    }

    void typed(EditorViewModel editor, int position, String inserted) {
      text = text.apply(Operation.insert(position, inserted));
      assertThat(editor.typed(position, 0, inserted)).isTrue();
    }
  }

  /**
   * Bob types into a document Ada locked, and loses his access before the lock goes: his edits can
   * never land, and his editor holds them for saving elsewhere.
   */
  private EditorViewModel editsHandedBack(WorkspaceViewModel ada, WorkspaceViewModel bob) {
    String id = ada.client().documents().create("Plans", "start.").id();
    var shared =
        ada.client()
            .sharing()
            .share(id, bob.me().username(), dev.raftpad.client.sdk.model.DocumentRole.EDITOR);
    assertThat(shared).isNotNull();
    Mirror bobView = new Mirror();
    EditorViewModel b = open(bob, id, bobView);
    ui.drainUntil("bob's session live", b::isSynchronized);
    // Taken before bob types; its event waits in the UI queue, so his editor still takes typing.
    var lock = ada.client().locks().lock(id, java.time.Duration.ofSeconds(30));
    assertThat(lock).isNotNull();
    bobView.typed(b, "start.".length(), " bob's words");
    var unshared = ada.client().sharing().unshare(id, bob.me().username());
    assertThat(unshared).isNotNull();
    ui.drainUntil("bob's edits handed back", () -> !b.returnedTextProperty().get().isEmpty());
    assertThat(b.returnedTextProperty().get()).isEqualTo("start. bob's words");
    return b;
  }

  @Test
  void aMissingImageFailsOnceAndIsRememberedAndADocxImportKeepsItsPicture() throws Exception {
    WorkspaceViewModel ada = signIn("Ada");
    EditorViewModel a = open(ada, create(ada, "Gallery", "x\n"), new Mirror());
    String missing = "f".repeat(64);
    List<String> failures = new ArrayList<>();

    a.images().load(missing, data -> {}, failures::add);
    ui.drainUntil("the load failed", () -> !failures.isEmpty());
    a.images().load(missing, data -> {}, failures::add);

    assertThat(failures)
        .as("the second answer comes from memory, without a round trip")
        .containsExactly(
            "The image is missing from this document.", "The image is missing from this document.");

    byte[] png = dev.raftpad.server.testing.TestImages.png(5, 5, java.awt.Color.RED);
    String imageId = dev.raftpad.document.op.ImageBytes.idOf(png);
    Document withPicture =
        Document.empty()
            .apply(
                Operation.builder()
                    .insert("see ")
                    .insert(
                        dev.raftpad.document.op.Images.CHARACTER,
                        dev.raftpad.document.op.Attributes.builder().image(imageId).build())
                    .insert("\n")
                    .build());
    Path docx = dir.resolve("picture.docx");
    dev.raftpad.desktop.export.FileActions.write(
        withPicture,
        dev.raftpad.desktop.export.FileActions.BinaryFormat.DOCX,
        docx,
        new dev.raftpad.desktop.export.DocumentPictures(
            java.util.Map.of(
                imageId,
                new dev.raftpad.desktop.export.DocumentPictures.Picture("image/png", png))));
    AtomicReference<dev.raftpad.client.sdk.model.DocumentInfo> imported = new AtomicReference<>();

    ada.browser().importFile(docx, imported::set);
    ui.drainUntil("imported", () -> imported.get() != null);

    String newId = imported.get().id();
    assertThat(ada.client().documents().get(newId).content()).isEqualTo(withPicture);
    assertThat(ada.client().images().get(newId, imageId).bytes()).isEqualTo(png);
  }

  @Test
  void editsThatCanNeverLandAreSavedAsANewDocumentOfTheirAuthor() {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    EditorViewModel b = editsHandedBack(ada, bob);

    AtomicReference<dev.raftpad.client.sdk.model.DocumentInfo> saved = new AtomicReference<>();
    b.saveReturnedAsNewDocument(b.returnedTitle(), saved::set);
    ui.drainUntil("saved as a new document", () -> saved.get() != null);

    assertThat(saved.get().title()).isEqualTo("Plans (your edits)");
    assertThat(bob.client().documents().get(saved.get().id()).text())
        .isEqualTo("start. bob's words");
    assertThat(b.returnedTextProperty().get()).isEmpty();
  }

  @Test
  void editsThatCanNeverLandAreSavedToAFile() throws Exception {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    EditorViewModel b = editsHandedBack(ada, bob);
    Path file = dir.resolve("bobs-words.txt");

    b.saveReturnedToFile(dev.raftpad.desktop.export.Exporter.Format.PLAIN_TEXT, file);
    ui.drainUntil("saved to the file", () -> b.returnedTextProperty().get().isEmpty());

    assertThat(java.nio.file.Files.readString(file)).startsWith("start. bob's words");
  }

  @Test
  void withoutTheClusterOnlyTheUserWhoSignedInHereBeforeGetsInWithTheSamePassword() {
    dev.raftpad.desktop.settings.OfflineStores stores =
        new dev.raftpad.desktop.settings.OfflineStores(dir.resolve("data-" + ++users));
    String username = "hedy" + users;
    SignInViewModel online =
        new SignInViewModel(
            new MemorySettings(),
            threads,
            (seeds, ca) -> TestClients.client(cluster, ui),
            cluster.seeds(),
            "",
            java.util.Optional.of(stores));
    online.usernameProperty().set(username);
    online.passwordProperty().set("password-" + username);
    AtomicReference<SignInViewModel.SignedIn> first = new AtomicReference<>();
    online.register(first::set);
    ui.drainUntil("signed in", () -> first.get() != null);
    open.add(first.get().client());
    assertThat(first.get().offline()).isFalse();

    // The same servers, none of which answers now (a port nobody listens on).
    SignInViewModel unreachable =
        new SignInViewModel(
            new MemorySettings(),
            threads,
            (seeds, ca) ->
                dev.raftpad.client.sdk.RaftpadClient.connect(
                    dev.raftpad.client.SeedAddresses.parse("127.0.0.1:1"),
                    TestClients.options()
                        .withTimeouts(
                            java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(1))
                        .withEventExecutor(ui)),
            cluster.seeds(),
            "",
            java.util.Optional.of(stores));
    unreachable.usernameProperty().set(username);
    unreachable.passwordProperty().set("not the password");
    AtomicReference<SignInViewModel.SignedIn> offline = new AtomicReference<>();
    unreachable.signIn(offline::set);
    ui.drainUntil("refused", () -> !unreachable.errorProperty().get().isEmpty());
    assertThat(offline.get()).isNull();

    unreachable.passwordProperty().set("password-" + username);
    unreachable.signIn(offline::set);
    ui.drainUntil("signed in offline", () -> offline.get() != null);
    open.add(offline.get().client());
    assertThat(offline.get().offline()).isTrue();
    assertThat(offline.get().user()).isEqualTo(first.get().user());
    assertThat(offline.get().client().offlineStore()).isPresent();
  }

  @Test
  void aWrongPasswordIsExplained() {
    signIn("Grace").close();
    SignInViewModel form =
        new SignInViewModel(
            new MemorySettings(), threads, (seeds, ca) -> TestClients.client(cluster, ui));
    form.serversProperty().set(cluster.seeds());
    form.usernameProperty().set("grace" + users);
    form.passwordProperty().set("not her password");

    form.signIn(s -> {});
    ui.drainUntil("an error", () -> !form.errorProperty().get().isEmpty());

    assertThat(form.errorProperty().get()).isEqualTo("Wrong username or password.");
  }

  @Test
  void twoEditorsTypingConcurrentlyConvergeAndSeeEachOthersNamedCarets() {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    String id = create(ada, "Notes", "hello\n");
    Mirror adaView = new Mirror();
    Mirror bobView = new Mirror();
    EditorViewModel a = open(ada, id, adaView);
    EditorViewModel b = open(bob, id, bobView);

    for (int i = 0; i < 5; i++) {
      adaView.typed(a, 0, "A");
      bobView.typed(b, b.document().length() - 1, "b");
    }
    ui.drainUntil(
        "convergence",
        () ->
            a.isSynchronized()
                && b.isSynchronized()
                && a.document().text().equals(b.document().text())
                && a.document().text().length() == "hello\n".length() + 10);

    assertThat(a.document().text()).isEqualTo("AAAAAhellobbbbb\n");
    assertThat(adaView.text.text()).isEqualTo(a.document().text());
    assertThat(bobView.text.text()).isEqualTo(b.document().text());

    // One caret update only: the SDK sends each from a worker pool, so two may overtake.
    b.selectionChanged(Selection.caret(3));
    try {
      ui.drainUntil(
          "Bob's caret at Ada's",
          () -> a.carets().stream().anyMatch(c -> c.selection().equals(Selection.caret(3))));
    } catch (AssertionError e) {
      throw new AssertionError(a.carets() + " / " + a.present() + " / " + b.cursorPending(), e);
    }
    assertThat(a.carets()).extracting(c -> Users.name(c.user())).containsExactly("Bob");
  }

  @Test
  void presenceShowsWhoJoinsAndLeavesFromEventsAlone() {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    String id = create(ada, "Plans", "x\n");
    String other = create(ada, "Other", "y\n");
    EditorViewModel a = open(ada, id, new Mirror());
    ui.drainUntil("Ada in her own editor", () -> names(a.present()).equals(List.of("Ada")));
    ui.drainUntil("Ada in the browser", () -> people(ada, id).equals("Ada"));

    // Nothing re-reads who is online from here on: the per-document JOIN/LEAVE events do it.
    EditorViewModel b = open(bob, id, new Mirror());
    ui.drainUntil("Bob present", () -> names(a.present()).contains("Bob"));
    ui.drainUntil("Bob in the browser", () -> people(ada, id).equals("Ada, Bob"));
    ui.drainUntil("Bob sees Ada", () -> names(b.present()).containsAll(List.of("Ada", "Bob")));

    // Bob opening another document is not being in this one.
    EditorViewModel bOther = open(bob, other, new Mirror());
    ui.drainUntil("Bob in the other document", () -> people(ada, other).equals("Bob"));
    assertThat(names(a.present())).containsExactlyInAnyOrder("Ada", "Bob");

    b.close();
    ui.drainUntil("Bob gone from the editor", () -> !names(a.present()).contains("Bob"));
    ui.drainUntil("Bob gone from the browser row", () -> people(ada, id).equals("Ada"));
    assertThat(people(ada, other)).isEqualTo("Bob");

    bOther.close();
    ui.drainUntil("the other document empty", () -> people(ada, other).isEmpty());
  }

  private static String people(WorkspaceViewModel workspace, String documentId) {
    return workspace.browser().visibleRows().stream()
        .filter(r -> r.info().id().equals(documentId))
        .map(DocumentRow::peopleText)
        .findFirst()
        .orElse("(no row)");
  }

  @Test
  void aLockMakesTheDocumentReadOnlyForOthersOnly() {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    String id = create(ada, "Contract", "terms\n");
    Mirror bobView = new Mirror();
    EditorViewModel a = open(ada, id, new Mirror());
    EditorViewModel b = open(bob, id, bobView);

    a.lock();
    ui.drainUntil("Ada holds the lock", () -> a.holdsLock() || !ada.notices().isEmpty());
    assertThat(ada.notices()).isEmpty();
    ui.drainUntil("Bob sees the lock", () -> b.readOnlyProperty().get());

    assertThat(a.readOnlyProperty().get()).isFalse();
    assertThat(b.lockBadgeProperty().get()).startsWith("Locked by Ada until ");
    assertThat(a.lockBadgeProperty().get()).startsWith("Locked by you until ");
    assertThat(b.typed(0, 0, "x")).isFalse();

    a.unlock();
    ui.drainUntil("Bob may edit again", () -> !b.readOnlyProperty().get());
    bobView.typed(b, 0, "x");
    ui.drainUntil("Ada sees it", () -> a.document().text().equals("xterms\n"));
  }

  @Test
  void undoTakesBackOnlyOnesOwnEdits() {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    String id = create(ada, "Draft", "\n");
    Mirror adaView = new Mirror();
    EditorViewModel a = open(ada, id, adaView);
    Mirror bobView = new Mirror();
    EditorViewModel b = open(bob, id, bobView);
    adaView.typed(a, 0, "mine ");
    ui.drainUntil("Ada's edit at Bob's", () -> b.document().text().equals("mine \n"));
    bobView.typed(b, 5, "yours");
    ui.drainUntil("Bob's edit at Ada's", () -> a.document().text().equals("mine yours\n"));

    a.undo();
    ui.drainUntil("undone everywhere", () -> b.document().text().equals("yours\n"));
    assertThat(adaView.text.text()).isEqualTo("yours\n");

    a.redo();
    ui.drainUntil("redone", () -> b.document().text().equals("mine yours\n"));
  }

  @Test
  void formattingReachesTheOtherEditor() {
    WorkspaceViewModel ada = signIn("Ada");
    WorkspaceViewModel bob = signIn("Bob");
    String id = create(ada, "Styled", "make this bold\n");
    EditorViewModel a = open(ada, id, new Mirror());
    Mirror bobView = new Mirror();
    EditorViewModel b = open(bob, id, bobView);

    a.selectionChanged(new Selection(10, 14));
    a.toggle(InlineStyle.BOLD);
    a.selectionChanged(Selection.caret(0));
    a.toggle(BlockStyle.H2);

    ui.drainUntil("Bob sees the formatting", () -> b.document().equals(a.document()));
    assertThat(bobView.text).isEqualTo(a.document());
    assertThat(b.document().runs().get(1).attributes().bold()).isTrue();
  }

  @Test
  void theBrowserCreatesRenamesSearchesAndDeletes() {
    WorkspaceViewModel ada = signIn("Ada");
    BrowserViewModel browser = ada.browser();
    AtomicReference<String> created = new AtomicReference<>();

    browser.create("Quarterly report", info -> created.set(info.id()));
    ui.drainUntil("created", () -> created.get() != null);
    browser.rename(created.get(), "Annual report");
    browser.searchProperty().set("annual");
    ui.drainUntil(
        "renamed and found",
        () ->
            browser.visibleRows().size() == 1
                && browser.visibleRows().getFirst().info().title().equals("Annual report"));

    browser.delete(created.get());
    ui.drainUntil("deleted", () -> browser.visibleRows().isEmpty());
  }

  @Test
  void namingAVersionShowsTheNameInTheList() {
    WorkspaceViewModel ada = signIn("Ada");
    String id = create(ada, "Minutes", "draft\n");
    Mirror view = new Mirror();
    EditorViewModel a = open(ada, id, view);
    view.typed(a, 0, "First ");
    // Bob's edit makes a second version (versions group one author's consecutive edits).
    WorkspaceViewModel bob = signIn("Bob");
    Mirror bobView = new Mirror();
    EditorViewModel b = open(bob, id, bobView);
    ui.drainUntil("Ada's edit at Bob's", () -> b.document().text().equals("First draft\n"));
    bobView.typed(b, 0, "Our ");
    ui.drainUntil("Bob's edit at Ada's", () -> a.document().text().equals("Our First draft\n"));
    HistoryViewModel history = new HistoryViewModel(a);
    history.refresh();
    ui.drainUntil("two versions", () -> history.versions().size() >= 2);
    Version newest = history.versions().getFirst();
    assertThat(newest.name()).isEmpty();

    history.select(newest);
    history.name("  Before review ");
    ui.drainUntil(
        "the name in the list",
        () -> history.versions().stream().anyMatch(v -> v.name().isPresent()));

    Version named =
        history.versions().stream().filter(v -> v.name().isPresent()).findFirst().orElseThrow();
    assertThat(named.name()).contains("Before review");
    assertThat(named.lastRevision()).isEqualTo(newest.lastRevision());
    assertThat(HistoryViewModel.describe(named)).startsWith("“Before review” · Bob · ");
    assertThat(ada.notices()).isEmpty();

    // Another version cannot take the same name: said in words, the list unchanged.
    history.select(history.versions().getLast());
    history.name("Before review");
    ui.drainUntil("a refusal", () -> !ada.notices().isEmpty());
    assertThat(ada.notices().getFirst().text()).isEqualTo("Another version already has that name.");
  }

  @Test
  void theClusterViewShowsTheLeader() {
    WorkspaceViewModel ada = signIn("Ada");
    ada.cluster().refresh();
    ui.drainUntil("status", () -> !ada.cluster().members().isEmpty());
    assertThat(ada.cluster().summaryProperty().get()).contains("leader n1");
    assertThat(ClusterViewModel.health(ada.cluster().members().getFirst())).isEqualTo("healthy");
  }

  @Test
  void theAiWithoutAnLlmNodeSaysSo() {
    WorkspaceViewModel ada = signIn("Ada");
    String id = create(ada, "Essay", "Some text.\n");
    AiViewModel ai = new AiViewModel(open(ada, id, new Mirror()));

    ai.summarize();
    ui.drainUntil("an answer", () -> !ai.runningProperty().get());

    assertThat(ai.messageProperty().get()).startsWith("The AI is unavailable");
  }

  private static List<String> names(List<User> users) {
    return users.stream().map(Users::name).toList();
  }
}
