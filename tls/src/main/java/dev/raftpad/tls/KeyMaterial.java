package dev.raftpad.tls;

import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What a process shows the other end of a TLS link: its certificate chain (leaf first) and the
 * leaf's private key, as PEM (the key always PKCS#8, the one form gRPC's Netty TLS reads).
 *
 * @param certChainPem the certificate chain
 * @param keyPem the private key
 */
public record KeyMaterial(String certChainPem, String keyPem) {
  /**
   * Reads and checks a certificate file and its key file: both readable PEM, the key private to its
   * owner, the key belonging to the certificate, the certificate valid today. Any failure is a
   * {@link BadTlsFileException} with one line saying which file and what to do.
   */
  public static KeyMaterial load(Path certFile, Path keyFile) {
    List<X509Certificate> chain = PemFiles.readCertificates(certFile, "the certificate file");
    PrivateKey key = PemFiles.readPrivateKey(keyFile, "the key file");
    X509Certificate leaf = chain.get(0);
    if (!belongTogether(key, leaf.getPublicKey())) {
      throw new BadTlsFileException(
          "the key file " + keyFile + " does not hold the private key of " + certFile);
    }
    try {
      leaf.checkValidity();
    } catch (CertificateExpiredException e) {
      throw new BadTlsFileException(
          "the certificate " + certFile + " expired on " + leaf.getNotAfter().toInstant(), e);
    } catch (CertificateNotYetValidException e) {
      throw new BadTlsFileException(
          "the certificate " + certFile + " is not valid before " + leaf.getNotBefore().toInstant(),
          e);
    }
    return of(new IssuedCertificate(chain, key));
  }

  public static KeyMaterial of(IssuedCertificate issued) {
    return new KeyMaterial(
        PemFiles.asString(PemFiles.encode(issued.chain())),
        PemFiles.asString(PemFiles.encode(issued.key())));
  }

  /** The certificate chain, parsed. */
  public List<X509Certificate> chain() {
    return PemFiles.parseCertificates(certChainPem, "the certificate");
  }

  /** Whether the key signs what the certificate's public key verifies: the key is its own. */
  private static boolean belongTogether(PrivateKey key, PublicKey certified) {
    if (!key.getAlgorithm().equals(certified.getAlgorithm())) {
      return false;
    }
    String algorithm =
        switch (key.getAlgorithm()) {
          case "EC" -> "SHA256withECDSA";
          case "RSA" -> "SHA256withRSA";
          case "Ed25519", "EdDSA" -> "Ed25519";
          default -> null;
        };
    if (algorithm == null) {
      return true; // an unusual key type: the TLS handshake is the judge
    }
    try {
      byte[] challenge = new byte[32];
      new SecureRandom().nextBytes(challenge);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(challenge);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certified);
      verifier.update(challenge);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
