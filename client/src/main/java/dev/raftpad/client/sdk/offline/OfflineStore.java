package dev.raftpad.client.sdk.offline;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One user's offline copies of the documents they opened, in a private directory (0700, files
 * 0600): one file per document, replaced atomically on every save, so quitting, a crash or a reboot
 * leaves the last copy written whole. A {@code DocumentSession} given a store writes its state here
 * before each operation leaves (so a restarted session repeats, never re-invents, what the server
 * may have received) and after each change; it opens from here when the document is known.
 *
 * <p>The caller chooses the directory, one per user and cluster (the desktop app: under the user's
 * data directory). Thread-safe: each save replaces one whole file.
 */
public final class OfflineStore {
  private static final String SUFFIX = ".rpdoc";
  private static final String SIGN_IN = "sign-in.properties";
  private final Path dir;

  private OfflineStore(Path dir) {
    this.dir = dir;
  }

  /** The store in {@code dir}, created (0700) if needed. */
  public static OfflineStore open(Path dir) throws IOException {
    PrivateFiles.directory(dir);
    return new OfflineStore(dir);
  }

  public Path directory() {
    return dir;
  }

  /** Writes {@code saved}, replacing the document's previous copy atomically and durably. */
  public void save(SavedDocument saved) throws IOException {
    PrivateFiles.write(file(saved.documentId()), SavedDocumentFormat.encode(saved));
  }

  /**
   * The document's copy, if there is one.
   *
   * @throws DamagedCopyException when the file is there but cannot be read (left untouched)
   */
  public Optional<SavedDocument> load(String documentId) throws IOException {
    Path file = file(documentId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      SavedDocument saved = SavedDocumentFormat.decode(Files.readAllBytes(file));
      if (!saved.documentId().equals(documentId)) {
        throw new DamagedCopyException("it holds document " + saved.documentId());
      }
      return Optional.of(saved);
    } catch (DamagedCopyException e) {
      throw new DamagedCopyException(file + ": " + e.getMessage());
    }
  }

  /** Remembers a successful sign-in, so the user can open their copies offline later. */
  public void rememberSignIn(OfflineSignIn signIn) throws IOException {
    PrivateFiles.write(dir.resolve(SIGN_IN), signIn.encode());
  }

  /** Whether a sign-in was remembered here. */
  public boolean hasSignIn() {
    return Files.exists(dir.resolve(SIGN_IN));
  }

  /**
   * The sign-in remembered here, if its password is {@code password}.
   *
   * @throws DamagedCopyException when the file is there but cannot be read
   */
  public Optional<OfflineSignIn> signInOffline(String password) throws IOException {
    Path file = dir.resolve(SIGN_IN);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    OfflineSignIn remembered = OfflineSignIn.decode(Files.readAllBytes(file));
    return remembered.matches(password) ? Optional.of(remembered) : Optional.empty();
  }

  /** Every readable copy, most recently saved first (damaged files are skipped, not deleted). */
  public List<SavedDocument> list() throws IOException {
    List<SavedDocument> all = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
      for (Path file : files) {
        try {
          all.add(SavedDocumentFormat.decode(Files.readAllBytes(file)));
        } catch (DamagedCopyException e) {
          // Listed nowhere; load() names the problem when the document is opened.
        }
      }
    }
    all.sort(Comparator.comparing(SavedDocument::savedAt).reversed());
    return all;
  }

  /**
   * Claims the document's copy for one editing session at a time, in this process and across
   * processes (a lock file): two sessions going on from one copy would continue one client id's
   * sequence numbers separately, and the server would take the second's edits for duplicates.
   *
   * @return empty when another session holds it (that session then edits without a copy)
   */
  public Optional<Claim> claim(String documentId) throws IOException {
    Path lockFile = dir.resolve(file(documentId).getFileName() + ".lock");
    String key = lockFile.toAbsolutePath().normalize().toString();
    if (!CLAIMED.add(key)) {
      return Optional.empty();
    }
    try {
      FileChannel channel = PrivateFiles.openLockFile(lockFile);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
      if (lock == null) {
        channel.close();
        CLAIMED.remove(key);
        return Optional.empty();
      }
      return Optional.of(new Claim(key, channel));
    } catch (IOException | RuntimeException e) {
      CLAIMED.remove(key);
      throw e;
    }
  }

  /** Lock files claimed in this process (a FileLock cannot be taken twice by one JVM). */
  private static final Set<String> CLAIMED = ConcurrentHashMap.newKeySet();

  /** One session's hold on a document's copy; closing it lets the next session have it. */
  public static final class Claim implements AutoCloseable {
    private final String key;
    private final FileChannel channel;

    private Claim(String key, FileChannel channel) {
      this.key = key;
      this.channel = channel;
    }

    @Override
    public void close() {
      try {
        channel.close(); // releases the lock
      } catch (IOException e) {
        // The lock goes with the channel anyway.
      }
      CLAIMED.remove(key);
    }
  }

  /**
   * Moves a copy that cannot be read aside ({@code <file>.damaged}), so the document opens from the
   * server and the damaged bytes stay for whoever wants to look at them.
   */
  public Path setAside(String documentId) throws IOException {
    Path file = file(documentId);
    Path aside = file.resolveSibling(file.getFileName() + ".damaged");
    Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
    return aside;
  }

  /** Forgets the document's copy (it is gone on the server, or its edits were handed over). */
  public void remove(String documentId) throws IOException {
    PrivateFiles.delete(file(documentId));
  }

  /** A file name for any id: its UTF-8 bytes in URL-safe Base64, so no id can escape the dir. */
  private Path file(String documentId) {
    if (documentId.isEmpty()) {
      throw new IllegalArgumentException("empty document id");
    }
    return dir.resolve(
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(documentId.getBytes(StandardCharsets.UTF_8))
            + SUFFIX);
  }
}
