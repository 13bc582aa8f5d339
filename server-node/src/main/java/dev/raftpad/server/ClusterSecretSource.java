package dev.raftpad.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * Where a node's cluster secret comes from, and the rules it must pass: exactly one of {@code
 * --secret} (or {@code RAFTPAD_CLUSTER_SECRET}) and {@code --secret-file}; no built-in default and
 * none of the placeholders the examples show; a secret file readable by no one but its owner. A
 * node that breaks a rule does not start, and says why in one line.
 */
final class ClusterSecretSource {
  /** The values documentation and old versions showed; a node never runs with one of them. */
  private static final Set<String> PLACEHOLDERS =
      Set.of(
          "change-me",
          "change-me-to-a-long-random-string",
          "local-development-secret",
          "local-cluster-secret");

  private static final String HOW_TO_MAKE_ONE =
      "create one with `raftpad-server new-secret FILE` and give every node --secret-file FILE"
          + " (or set RAFTPAD_CLUSTER_SECRET)";

  private ClusterSecretSource() {}

  /**
   * The secret to run with.
   *
   * @param given the value of {@code --secret} / {@code RAFTPAD_CLUSTER_SECRET}, or null/empty
   * @param file the {@code --secret-file}, or null
   * @throws IllegalArgumentException with a one-line reason when no acceptable secret is given
   */
  static String resolve(String given, Path file) {
    boolean hasGiven = given != null && !given.isEmpty();
    if (hasGiven && file != null) {
      throw new IllegalArgumentException(
          "give the cluster secret once: --secret (or RAFTPAD_CLUSTER_SECRET) or --secret-file,"
              + " not both");
    }
    if (!hasGiven && file == null) {
      throw new IllegalArgumentException(
          "no cluster secret, and a node does not run with a built-in one: " + HOW_TO_MAKE_ONE);
    }
    String secret = hasGiven ? given : read(file);
    if (PLACEHOLDERS.contains(secret)) {
      throw new IllegalArgumentException(
          "the cluster secret is a placeholder from an example: " + HOW_TO_MAKE_ONE);
    }
    return secret;
  }

  /** Writes a new random secret (256 bits, hex) to a new file of mode 0600. */
  static void create(Path file) throws IOException {
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    byte[] line = (HexFormat.of().formatHex(random) + "\n").getBytes(StandardCharsets.UTF_8);
    if (isPosix(file)) {
      Files.createFile(
          file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } else {
      Files.createFile(file);
    }
    Files.write(file, line, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
  }

  private static String read(Path file) {
    try {
      if (isPosix(file)) {
        Set<PosixFilePermission> modes = Files.getPosixFilePermissions(file);
        if (modes.stream().anyMatch(ClusterSecretSource::isForOthers)) {
          throw new IllegalArgumentException(
              "the secret file "
                  + file
                  + " can be read by other users (mode "
                  + PosixFilePermissions.toString(modes)
                  + "); run: chmod 600 "
                  + file);
        }
      }
      String secret = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (secret.isEmpty()) {
        throw new IllegalArgumentException("the secret file " + file + " is empty");
      }
      return secret;
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(
          "the secret file " + file + " does not exist; " + HOW_TO_MAKE_ONE, e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the secret file " + file + ": " + e.getMessage(), e);
    }
  }

  private static boolean isForOthers(PosixFilePermission mode) {
    return switch (mode) {
      case OWNER_READ, OWNER_WRITE, OWNER_EXECUTE -> false;
      default -> true;
    };
  }

  private static boolean isPosix(Path file) {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
        && file.getFileSystem().equals(FileSystems.getDefault());
  }
}
