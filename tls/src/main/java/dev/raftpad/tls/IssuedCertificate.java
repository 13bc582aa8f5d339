package dev.raftpad.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) and the private key of its leaf.
 *
 * @param chain the node's certificate, then any intermediates
 * @param key the leaf's private key
 */
public record IssuedCertificate(List<X509Certificate> chain, PrivateKey key) {
  public IssuedCertificate {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a certificate chain needs at least one certificate");
    }
  }
}
