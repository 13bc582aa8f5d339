package dev.raftpad.client.cli;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where {@code raftpad login} keeps the session: a properties file in the CLI's home folder that
 * only the user can read (0600 in a 0700 folder), replaced atomically so a crash never leaves half
 * a token behind.
 */
final class CredentialStore {
  /**
   * What a login leaves for later commands.
   *
   * @param ca the CA file the login trusted ("" for the JDK's trust store)
   * @param insecure whether the login went in plaintext ({@code --insecure})
   */
  record Saved(String servers, String username, String token, String ca, boolean insecure) {}

  private final Path home;

  CredentialStore(Path home) {
    this.home = home;
  }

  Path file() {
    return home.resolve("session.properties");
  }

  Optional<Saved> load() throws IOException {
    if (!Files.exists(file())) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
      properties.load(reader);
    }
    String token = properties.getProperty("token", "");
    if (token.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new Saved(
            properties.getProperty("servers", ""),
            properties.getProperty("username", ""),
            token,
            properties.getProperty("ca", ""),
            Boolean.parseBoolean(properties.getProperty("insecure", "false"))));
  }

  void save(Saved saved) throws IOException {
    createPrivateDirectory(home);
    Properties properties = new Properties();
    properties.setProperty("servers", saved.servers());
    properties.setProperty("username", saved.username());
    properties.setProperty("token", saved.token());
    properties.setProperty("ca", saved.ca());
    properties.setProperty("insecure", Boolean.toString(saved.insecure()));
    Path temp = home.resolve("session.properties.tmp");
    Files.deleteIfExists(temp);
    if (posix()) {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
      properties.store(writer, "raftpad CLI session; keep private");
    }
    Files.move(temp, file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  void clear() throws IOException {
    Files.deleteIfExists(file());
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (Files.isDirectory(dir)) {
      return;
    }
    if (posix()) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }

  private static boolean posix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
