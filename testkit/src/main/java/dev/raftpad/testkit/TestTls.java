package dev.raftpad.testkit;

import dev.raftpad.tls.ClusterCa;
import dev.raftpad.tls.PemFiles;
import dev.raftpad.tls.TlsMaterial;
import dev.raftpad.tls.TrustedCa;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test CA: one real CA and one node certificate (for localhost and 127.0.0.1) per test JVM,
 * made the first time a test asks, so TLS costs the fast tests one key generation, not one per
 * cluster. The one place the build's tests get certificates from; a test that needs a stranger
 * (another CA) asks {@link #foreignCa()}.
 */
public final class TestTls {
  private TestTls() {}

  private static final class Holder {
    static final ClusterCa CA = ClusterCa.create("Raftpad test CA");
    static final TlsMaterial NODE = TlsMaterial.of(CA.issue("test-node", List.of()), CA);
    static final Path CA_FILE = write();

    private static Path write() {
      try {
        Path file = Files.createTempFile("raftpad-test-ca", ".pem");
        file.toFile().deleteOnExit();
        PemFiles.writeCertificates(file, List.of(CA.certificate()));
        return file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The test CA (with its key, to issue more certificates). */
  public static ClusterCa ca() {
    return Holder.CA;
  }

  /** A node certificate from the test CA, with the CA as trust: every in-process node uses it. */
  public static TlsMaterial node() {
    return Holder.NODE;
  }

  /** The test CA as clients trust it. */
  public static TrustedCa trustedCa() {
    return Holder.NODE.ca();
  }

  /** The test CA's certificate as a PEM file (for the CLI's {@code --ca} and child processes). */
  public static Path caFile() {
    return Holder.CA_FILE;
  }

  /** A new CA unrelated to the test CA: what an outsider's certificates come from. */
  public static ClusterCa foreignCa() {
    return ClusterCa.create("Someone else's CA");
  }
}
