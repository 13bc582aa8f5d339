package dev.raftpad.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Whether a client certificate chain comes from the trusted CA, judged by the JDK's PKIX trust
 * manager (chain, signatures, validity, the clientAuth usage). The peer API asks it about the
 * certificate its caller showed: with client certificates optional on the node's port, the TLS
 * library in use (Netty's BoringSSL) does not fail the handshake for a certificate from another CA
 * — it only leaves it unverified — so the peer API checks for itself.
 */
public final class CertificateVerifier {
  private final X509TrustManager trustManager;

  public CertificateVerifier(TrustedCa ca) {
    this.trustManager = trustManagerFor(ca.certificates());
  }

  /** Whether {@code chain} (leaf first) is a client certificate issued by the trusted CA. */
  public boolean trustsClient(Certificate[] chain) {
    if (chain == null || chain.length == 0) {
      return false;
    }
    X509Certificate[] x509 = new X509Certificate[chain.length];
    for (int i = 0; i < chain.length; i++) {
      if (!(chain[i] instanceof X509Certificate certificate)) {
        return false;
      }
      x509[i] = certificate;
    }
    try {
      trustManager.checkClientTrusted(x509, x509[0].getPublicKey().getAlgorithm());
      return true;
    } catch (CertificateException e) {
      return false;
    }
  }

  private static X509TrustManager trustManagerFor(List<X509Certificate> authorities) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      for (int i = 0; i < authorities.size(); i++) {
        store.setCertificateEntry("ca-" + i, authorities.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      return Arrays.stream(factory.getTrustManagers())
          .filter(X509TrustManager.class::isInstance)
          .map(X509TrustManager.class::cast)
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no X.509 trust manager in this JDK"));
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust manager for the cluster CA", e);
    }
  }
}
