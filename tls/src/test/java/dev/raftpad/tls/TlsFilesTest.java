package dev.raftpad.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every bad certificate or key file gives one line that names the file and the fault. */
class TlsFilesTest {
  @TempDir static Path dir;
  static LocalCertificates files;

  @BeforeAll
  static void makeACluster() throws Exception {
    files = new LocalCertificates(dir.resolve("tls"));
    files.ensure(List.of("n1", "n2"), List.of("node1.example"), false);
  }

  @Test
  void goodFilesLoad() {
    TlsMaterial material = files.material("n1");
    assertThat(material.key().keyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(material.key().chain()).hasSize(1);
  }

  @Test
  void keysAreWrittenPrivate() throws Exception {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.key("n1"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.caKey())))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(files.dir())))
        .isEqualTo("rwx------");
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(
            () -> TlsMaterial.load(dir.resolve("nope.pem"), files.key("n1"), files.caCertificate()))
        .isInstanceOf(BadTlsFileException.class)
        .hasMessage("the certificate file " + dir.resolve("nope.pem") + " does not exist");
  }

  @Test
  void aKeyReadableByOthersIsRefused() throws Exception {
    Path key = dir.resolve("loose-key.pem");
    Files.copy(files.key("n1"), key);
    Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));
    assertThatThrownBy(() -> KeyMaterial.load(files.certificate("n1"), key))
        .isInstanceOf(BadTlsFileException.class)
        .hasMessageContaining("can be read by other users")
        .hasMessageContaining("chmod 600 " + key);
  }

  @Test
  void aKeyOfAnotherCertificateIsRefused() {
    assertThatThrownBy(() -> KeyMaterial.load(files.certificate("n1"), files.key("n2")))
        .isInstanceOf(BadTlsFileException.class)
        .hasMessage(
            "the key file "
                + files.key("n2")
                + " does not hold the private key of "
                + files.certificate("n1"));
  }

  @Test
  void notPemIsRefused() throws Exception {
    Path garbage = dir.resolve("garbage.pem");
    Files.writeString(garbage, "-----BEGIN CERTIFICATE-----\nnot base64 at all!\n");
    assertThatThrownBy(() -> TrustedCa.load(garbage))
        .isInstanceOf(BadTlsFileException.class)
        .hasMessage("the CA file " + garbage + " is not readable PEM");
    Path empty = dir.resolve("empty.pem");
    Files.writeString(empty, "hello\n");
    assertThatThrownBy(() -> TrustedCa.load(empty))
        .isInstanceOf(BadTlsFileException.class)
        .hasMessageContaining("holds no certificate");
  }

  @Test
  void aCertificateFromAnotherCaIsRefused() throws Exception {
    LocalCertificates other = new LocalCertificates(dir.resolve("other"));
    other.ensure(List.of("n1"), List.of(), false);
    assertThatThrownBy(
            () -> TlsMaterial.load(other.certificate("n1"), other.key("n1"), files.caCertificate()))
        .isInstanceOf(BadTlsFileException.class)
        .hasMessage(
            "the certificate "
                + other.certificate("n1")
                + " is not issued by the CA in "
                + files.caCertificate());
  }

  @Test
  void ensureKeepsWhatExistsAndRenewsOnRequest() throws Exception {
    String before = Files.readString(files.certificate("n1"));
    String ca = Files.readString(files.caCertificate());
    assertThat(files.ensure(List.of("n1", "n2"), List.of(), false)).isEmpty();
    assertThat(Files.readString(files.certificate("n1"))).isEqualTo(before);
    LocalCertificates copy = new LocalCertificates(dir.resolve("renewed"));
    copy.ensure(List.of("n1"), List.of(), false);
    String old = Files.readString(copy.certificate("n1"));
    assertThat(copy.ensure(List.of("n1"), List.of(), true))
        .containsExactly(copy.certificate("n1"), copy.key("n1"));
    assertThat(Files.readString(copy.certificate("n1"))).isNotEqualTo(old);
    assertThat(Files.readString(copy.dir().resolve("n1.pem.old"))).isEqualTo(old);
    assertThat(Files.readString(files.caCertificate())).isEqualTo(ca);
    assertThat(copy.material("n1").key().chain()).hasSize(1);
  }
}
