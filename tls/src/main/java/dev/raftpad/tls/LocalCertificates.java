package dev.raftpad.tls;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/**
 * The certificate directory of a cluster made here (what {@code ./raftpad up} keeps in {@code
 * DATA/tls}): {@code ca.pem} and {@code ca-key.pem}, and {@code NAME.pem} / {@code NAME-key.pem}
 * per node. {@link #ensure} makes what is missing and keeps what exists, so it runs on every start;
 * keys are mode 0600 and the directory 0700.
 *
 * @param dir the directory
 */
public record LocalCertificates(Path dir) {
  public Path caCertificate() {
    return dir.resolve("ca.pem");
  }

  public Path caKey() {
    return dir.resolve("ca-key.pem");
  }

  public Path certificate(String name) {
    return dir.resolve(name + ".pem");
  }

  public Path key(String name) {
    return dir.resolve(name + "-key.pem");
  }

  /** The files of node {@code name}, checked. */
  public TlsMaterial material(String name) {
    return TlsMaterial.load(certificate(name), key(name), caCertificate());
  }

  /**
   * Creates the CA unless it exists, then a certificate for every name that has none.
   *
   * @param names node names (e.g. n1, n2, n3, llm)
   * @param hosts the host names and addresses every certificate names besides localhost and
   *     127.0.0.1
   * @param renew issue new certificates and keys for {@code names} even if they exist (rotation);
   *     the old files are kept with a {@code .old} suffix
   * @return the files written, for the caller to report
   */
  public List<Path> ensure(List<String> names, List<String> hosts, boolean renew)
      throws IOException {
    createPrivateDirectory(dir);
    List<Path> written = new ArrayList<>();
    ClusterCa ca;
    if (Files.exists(caCertificate())) {
      ca = loadCa();
    } else {
      if (Files.exists(caKey())) {
        throw new BadTlsFileException(
            caKey() + " exists without " + caCertificate() + "; move it away or restore the CA");
      }
      ca = ClusterCa.create("Raftpad cluster CA");
      PemFiles.writePrivateKey(caKey(), ca.key());
      PemFiles.writeCertificates(caCertificate(), List.of(ca.certificate()));
      written.add(caCertificate());
      written.add(caKey());
    }
    for (String name : names) {
      boolean exists = Files.exists(certificate(name)) && Files.exists(key(name));
      if (exists && !renew) {
        continue;
      }
      if (exists) {
        moveAside(certificate(name));
        moveAside(key(name));
      }
      Files.deleteIfExists(key(name)); // a key without its certificate is of no use
      IssuedCertificate issued = ca.issue(name, hosts);
      PemFiles.writePrivateKey(key(name), issued.key());
      PemFiles.writeCertificates(certificate(name), issued.chain());
      written.add(certificate(name));
      written.add(key(name));
    }
    return written;
  }

  private ClusterCa loadCa() {
    List<X509Certificate> certificates =
        PemFiles.readCertificates(caCertificate(), "the CA certificate");
    return new ClusterCa(certificates.get(0), PemFiles.readPrivateKey(caKey(), "the CA key"));
  }

  private static void moveAside(Path file) throws IOException {
    Files.move(
        file,
        file.resolveSibling(file.getFileName() + ".old"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  private static void createPrivateDirectory(Path dir) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    } else {
      Files.createDirectories(dir);
    }
  }
}
