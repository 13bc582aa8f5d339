package dev.raftpad.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;

/**
 * Everything a server node needs for mutual TLS: its own certificate and key, and the cluster CA
 * that its peers' certificates (and so its own) come from.
 *
 * @param key the node's certificate chain and private key
 * @param ca the cluster CA (one certificate, or several while a CA is being replaced)
 */
public record TlsMaterial(KeyMaterial key, TrustedCa ca) {
  /**
   * Reads and checks the three PEM files of a node ({@code --tls-cert}, {@code --tls-key}, {@code
   * --tls-ca}): besides what {@link KeyMaterial#load} checks, the certificate must come from the
   * CA, or the node's peers would refuse it.
   */
  public static TlsMaterial load(Path certFile, Path keyFile, Path caFile) {
    KeyMaterial key = KeyMaterial.load(certFile, keyFile);
    TrustedCa ca = TrustedCa.load(caFile);
    if (!issuedBy(key, ca)) {
      throw new BadTlsFileException(
          "the certificate " + certFile + " is not issued by the CA in " + caFile);
    }
    return new TlsMaterial(key, ca);
  }

  /** Material for a node holding {@code issued}, trusting {@code ca}. */
  public static TlsMaterial of(IssuedCertificate issued, ClusterCa ca) {
    return new TlsMaterial(
        KeyMaterial.of(issued), TrustedCa.of(java.util.List.of(ca.certificate())));
  }

  /** Whether some certificate of the chain is signed by one of the CA certificates. */
  private static boolean issuedBy(KeyMaterial key, TrustedCa ca) {
    for (X509Certificate certificate : key.chain()) {
      for (X509Certificate authority : ca.certificates()) {
        try {
          if (certificate.getIssuerX500Principal().equals(authority.getSubjectX500Principal())) {
            certificate.verify(authority.getPublicKey());
            return true;
          }
        } catch (GeneralSecurityException e) {
          // signed by another key of the same name: try the next one
        }
      }
    }
    return false;
  }
}
