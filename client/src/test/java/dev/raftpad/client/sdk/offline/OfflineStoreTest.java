package dev.raftpad.client.sdk.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.sync.Outgoing;
import dev.raftpad.document.sync.SyncClient;
import dev.raftpad.document.sync.SyncState;
import dev.raftpad.document.text.Document;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline store on real files: round trip, permissions, damage detected, one claim. */
class OfflineStoreTest {
  @TempDir Path dir;

  private static final Attributes BOLD = Attributes.builder().bold(true).build();

  /** A client with an operation in flight and typing buffered behind it, on bold text. */
  private static SavedDocument busyCopy(String id) {
    Document content = Document.fromContent(Operation.insert(0, "Bold", BOLD));
    List<Outgoing> sent = new ArrayList<>();
    SyncClient client = new SyncClient("client-1", content, 7, sent::add);
    client.edit(Operation.insert(4, " one"));
    client.edit(Operation.insert(8, " two"));
    assertThat(client.state()).isInstanceOf(SyncState.AwaitingWithBuffer.class);
    return new SavedDocument(
        id, "Notes", DocumentRole.EDITOR, Instant.ofEpochMilli(1_000), client.saved());
  }

  @Test
  void aCopyComesBackExactlyWithItsFormattingAndUnconfirmedEdits() throws Exception {
    OfflineStore store = OfflineStore.open(dir.resolve("user"));
    SavedDocument saved = busyCopy("doc/with:odd..chars");
    store.save(saved);

    SavedDocument loaded = store.load("doc/with:odd..chars").orElseThrow();
    assertThat(loaded).isEqualTo(saved);
    assertThat(loaded.text()).isEqualTo("Bold one two");
    assertThat(loaded.sync().confirmed().runs().getFirst().attributes()).isEqualTo(BOLD);
    assertThat(store.list()).containsExactly(saved);
    assertThat(store.load("another")).isEmpty();
    try (var files = Files.list(store.directory())) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains("/"));
    }
  }

  @Test
  void theDirectoryAndFilesAreTheUsersAlone() throws Exception {
    OfflineStore store = OfflineStore.open(dir.resolve("a").resolve("user"));
    store.save(busyCopy("d1"));
    store.rememberSignIn(
        OfflineSignIn.of(new User("u1", "ada", "Ada", false, ""), "token", "password-1"));
    store.claim("d1").orElseThrow().close();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.directory())))
        .isEqualTo("rwx------");
    try (var files = Files.list(store.directory())) {
      for (Path file : files.toList()) {
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
            .as(file.toString())
            .isEqualTo("rw-------");
      }
    }
  }

  @Test
  void aDamagedCopyIsNamedNotTrustedAndCanBeSetAside() throws Exception {
    OfflineStore store = OfflineStore.open(dir);
    store.save(busyCopy("d1"));
    Path file;
    try (var files = Files.list(dir)) {
      file = files.filter(p -> p.toString().endsWith(".rpdoc")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[bytes.length / 2] ^= 0x55;
    Files.write(file, bytes);
    assertThatThrownBy(() -> store.load("d1"))
        .isInstanceOf(DamagedCopyException.class)
        .hasMessageContaining("checksum mismatch");
    assertThat(store.list()).isEmpty();

    Files.write(file, java.util.Arrays.copyOf(bytes, 20));
    assertThatThrownBy(() -> store.load("d1")).hasMessageContaining("cut short");
    Files.writeString(file, "a note that is no offline copy at all");
    assertThatThrownBy(() -> store.load("d1")).hasMessageContaining("not a Raftpad offline copy");

    Path aside = store.setAside("d1");
    assertThat(aside).exists();
    assertThat(store.load("d1")).isEmpty();
  }

  @Test
  void aSaveReplacesTheWholeCopyAndLeavesNoTemporaryFile() throws Exception {
    OfflineStore store = OfflineStore.open(dir);
    store.save(busyCopy("d1"));
    SavedDocument later =
        new SavedDocument(
            "d1",
            "Renamed",
            DocumentRole.OWNER,
            Instant.ofEpochMilli(2_000),
            new SyncClient("c2", Document.of("plain"), 9, o -> {}).saved());
    store.save(later);
    assertThat(store.load("d1")).contains(later);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
    store.remove("d1");
    assertThat(store.load("d1")).isEmpty();
  }

  @Test
  void oneSessionAtATimeHoldsACopy() throws Exception {
    OfflineStore store = OfflineStore.open(dir);
    try (OfflineStore.Claim first = store.claim("d1").orElseThrow()) {
      assertThat(store.claim("d1")).isEmpty();
      assertThat(OfflineStore.open(dir).claim("d1")).isEmpty();
      try (OfflineStore.Claim other = store.claim("d2").orElseThrow()) {
        assertThat(other).isNotSameAs(first);
      }
    }
    try (OfflineStore.Claim again = store.claim("d1").orElseThrow()) {
      assertThat(again).isNotNull();
    }
  }

  @Test
  void aRememberedSignInAsksForThePasswordAndKeepsNeitherPasswordNorTokenInItsName()
      throws Exception {
    OfflineStore store = OfflineStore.open(dir);
    assertThat(store.signInOffline("secret-password")).isEmpty();
    User ada = new User("u1", "ada", "Ada", true, "#123456");
    store.rememberSignIn(OfflineSignIn.of(ada, "the-token", "secret-password"));

    assertThat(store.signInOffline("wrong-password")).isEmpty();
    OfflineSignIn back = store.signInOffline("secret-password").orElseThrow();
    assertThat(back.user()).isEqualTo(ada);
    assertThat(back.token()).isEqualTo("the-token");
    assertThat(back.toString()).doesNotContain("the-token");
    assertThat(Files.readString(dir.resolve("sign-in.properties")))
        .doesNotContain("secret-password");
  }
}
