package dev.raftpad.tls;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA certificates a link trusts, as PEM text. More than one is allowed: while a CA is being
 * replaced, every node trusts the old and the new one (see the operator guide, "Rotating
 * certificates").
 *
 * @param pem one or more PEM certificates
 */
public record TrustedCa(String pem) {
  /** The CA certificates of a PEM file; a {@link BadTlsFileException} says what is wrong. */
  public static TrustedCa load(Path file) {
    return of(PemFiles.readCertificates(file, "the CA file"));
  }

  public static TrustedCa of(List<X509Certificate> certificates) {
    return new TrustedCa(PemFiles.asString(PemFiles.encode(certificates)));
  }

  /** The certificates, parsed (for checks; the PEM text is what TLS gets). */
  public List<X509Certificate> certificates() {
    return PemFiles.parseCertificates(pem, "the trusted CA");
  }
}
