package dev.raftpad.tls;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The gRPC credentials of every Raftpad link, built from PEM material by grpc-java's own TLS (no
 * crypto of ours). A {@code null} material means plaintext, which callers choose only behind an
 * explicit {@code --insecure}.
 */
public final class GrpcTls {
  private GrpcTls() {}

  /**
   * A server node's port: serves with its certificate and asks for a client certificate without
   * requiring one (ordinary clients have none). The peer API then requires a certificate from the
   * cluster CA and checks it itself ({@link CertificateVerifier}, used by {@code
   * PeerCertificateCheck} in server-node): with client certificates optional, Netty's BoringSSL
   * does not fail the handshake for a certificate from another CA.
   */
  public static ServerCredentials nodeServer(TlsMaterial tls) {
    if (tls == null) {
      return InsecureServerCredentials.create();
    }
    try {
      return TlsServerCredentials.newBuilder()
          .keyManager(stream(tls.key().certChainPem()), stream(tls.key().keyPem()))
          .trustManager(stream(tls.ca().pem()))
          .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory streams do not fail
    }
  }

  /** A server that only proves who it is (the LLM node): no client certificates. */
  public static ServerCredentials server(KeyMaterial key) {
    if (key == null) {
      return InsecureServerCredentials.create();
    }
    try {
      return TlsServerCredentials.create(stream(key.certChainPem()), stream(key.keyPem()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A client of a TLS server that trusts {@code ca} (or, when {@code ca} is null, the JDK's default
   * trust store, as for a cluster with certificates from a public CA).
   */
  public static ChannelCredentials client(TrustedCa ca) {
    if (ca == null) {
      return TlsChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder().trustManager(stream(ca.pem())).build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A node dialling a peer: trusts the cluster CA and shows its own certificate. */
  public static ChannelCredentials peerClient(TlsMaterial tls) {
    if (tls == null) {
      return InsecureChannelCredentials.create();
    }
    try {
      return TlsChannelCredentials.newBuilder()
          .keyManager(stream(tls.key().certChainPem()), stream(tls.key().keyPem()))
          .trustManager(stream(tls.ca().pem()))
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Plaintext, for {@code --insecure}. */
  public static ChannelCredentials insecureClient() {
    return InsecureChannelCredentials.create();
  }

  private static InputStream stream(String pem) {
    return new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII));
  }
}
