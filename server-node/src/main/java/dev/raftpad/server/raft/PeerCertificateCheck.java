package dev.raftpad.server.raft;

import dev.raftpad.tls.CertificateVerifier;
import dev.raftpad.tls.TrustedCa;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Refuses a peer call whose caller showed no certificate from the cluster CA, with UNAUTHENTICATED.
 * The node's port asks every client for a certificate but requires none (ordinary clients have
 * none), and with client certificates optional the TLS library does not fail the handshake for a
 * certificate from another CA; so this check validates the chain the caller showed against the
 * cluster CA itself ({@link CertificateVerifier}, the JDK's PKIX validation). The cluster secret
 * ({@link ClusterSecret}) is checked as well: a second factor.
 */
public final class PeerCertificateCheck implements ServerInterceptor {
  private final CertificateVerifier verifier;

  public PeerCertificateCheck(TrustedCa clusterCa) {
    this.verifier = new CertificateVerifier(clusterCa);
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    SSLSession session = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
    if (!hasVerifiedCertificate(session)) {
      call.close(
          Status.UNAUTHENTICATED.withDescription(
              "peer call without a certificate from the cluster CA"),
          new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }

  private boolean hasVerifiedCertificate(SSLSession session) {
    if (session == null) {
      return false; // plaintext connection
    }
    try {
      return verifier.trustsClient(session.getPeerCertificates());
    } catch (SSLPeerUnverifiedException e) {
      return false; // no client certificate
    }
  }
}
