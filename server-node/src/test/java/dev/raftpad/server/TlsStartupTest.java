package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.tls.LocalCertificates;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node runs with TLS unless told --insecure, and every bad certificate or key file stops it with
 * one line naming the file (no stack trace), before it touches its data dir.
 */
class TlsStartupTest {
  @TempDir Path dir;
  private Path dataDir;
  private LocalCertificates certs;

  @BeforeEach
  void makeCertificates() throws Exception {
    dataDir = dir.resolve("n1");
    certs = new LocalCertificates(dir.resolve("tls"));
    Outcome made = run("new-certs", certs.dir().toString(), "--name", "n1,n2");
    assertThat(made.code()).as(made.err()).isZero();
  }

  @Test
  void newCertsMakesAPrivateCaAndNodeKeys() throws Exception {
    assertThat(certs.material("n1").key().chain()).hasSize(1);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.key("n1"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.caKey())))
        .isEqualTo("rw-------");
  }

  @Test
  void withoutCertificatesOrInsecureTheNodeDoesNotStart() {
    Outcome outcome = node();
    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith("server-node: TLS needs --tls-cert, --tls-key and --tls-ca")
        .contains("--insecure")
        .hasLineCount(1);
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void insecureAndCertificatesExcludeEachOther() {
    Outcome outcome = node("--insecure", "--tls-ca", certs.caCertificate().toString());
    assertThat(outcome.err()).startsWith("server-node: --insecure turns TLS off").hasLineCount(1);
  }

  @Test
  void aMissingCertificateFileIsOneLine() {
    Outcome outcome = tls(dir.resolve("missing.pem"), certs.key("n1"), certs.caCertificate());
    assertThat(outcome.err())
        .isEqualTo(
            "server-node: the certificate file "
                + dir.resolve("missing.pem")
                + " does not exist\n");
  }

  @Test
  void aKeyThatIsNotTheCertificatesIsOneLine() {
    Outcome outcome = tls(certs.certificate("n1"), certs.key("n2"), certs.caCertificate());
    assertThat(outcome.err()).contains("does not hold the private key of").hasLineCount(1);
  }

  @Test
  void aKeyOthersCanReadIsOneLineWithTheFix() throws Exception {
    Files.setPosixFilePermissions(certs.key("n1"), PosixFilePermissions.fromString("rw-r--r--"));
    Outcome outcome = tls(certs.certificate("n1"), certs.key("n1"), certs.caCertificate());
    assertThat(outcome.err())
        .contains("can be read by other users")
        .contains("chmod 600")
        .hasLineCount(1);
  }

  @Test
  void anUnreadablePemFileIsOneLine() throws Exception {
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate\n");
    Outcome outcome = tls(certs.certificate("n1"), certs.key("n1"), garbage);
    assertThat(outcome.err()).contains("holds no certificate").hasLineCount(1);
    assertThat(outcome.err()).doesNotContain("Exception");
  }

  private Outcome tls(Path cert, Path key, Path ca) {
    return node(
        "--tls-cert", cert.toString(), "--tls-key", key.toString(), "--tls-ca", ca.toString());
  }

  private Outcome node(String... tlsArgs) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--secret",
                "a-long-enough-secret-value",
                "--listen",
                "127.0.0.1:0",
                "--data-dir",
                dataDir.toString()));
    args.addAll(List.of(tlsArgs));
    return run(args.toArray(String[]::new));
  }

  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int code = ServerNodeMain.run(args, new PrintWriter(err));
    return new Outcome(code, err.toString());
  }
}
