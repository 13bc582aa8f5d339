package dev.raftpad.desktop.settings;

import dev.raftpad.client.sdk.offline.OfflineStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The offline stores under the data directory: one per user of one cluster, in {@code
 * offline/<key>}, where the key is a hash of the servers as typed and the user name — the user's
 * documents of one cluster never mix with another's, and no name typed can reach outside.
 */
public final class OfflineStores {
  private final Path root;

  public OfflineStores(Path dataDirectory) {
    this.root = dataDirectory.resolve("offline");
  }

  /** The store of {@code username} on the cluster at {@code servers}, created (0700) if needed. */
  public OfflineStore open(String servers, String username) throws IOException {
    return OfflineStore.open(root.resolve(key(servers, username)));
  }

  static String key(String servers, String username) {
    String who = servers.strip().toLowerCase(Locale.ROOT) + "\n" + username.strip();
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(who.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
