package dev.raftpad.client.sdk;

import dev.raftpad.rpc.requestid.RequestIds;
import dev.raftpad.tls.GrpcTls;
import dev.raftpad.tls.TrustedCa;
import io.grpc.ChannelCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executor;

/**
 * How a {@link RaftpadClient} talks to the cluster.
 *
 * @param attemptTimeout the deadline of one attempt at one node
 * @param callTimeout the deadline of a whole call, retries included
 * @param initialBackoff the first pause between retries (doubled per retry, with full jitter)
 * @param maxBackoff the longest pause between retries
 * @param offlineAfter how long a stream may fail to reconnect before it reports OFFLINE (it keeps
 *     trying)
 * @param eventExecutor where listeners run; must run tasks one at a time in order (the desktop app
 *     passes {@code Platform::runLater}); {@code null} = one SDK thread per client
 * @param pinned talk only to the first seed: follow no redirect and try no other member (for
 *     per-node diagnostics and stale reads of one node)
 * @param trustedCa the CA the servers' certificates come from (a local cluster's {@code
 *     DATA/tls/ca.pem}); null: the JDK's trust store (for certificates from a public CA)
 * @param plaintext no TLS, for a cluster run with {@code --insecure} (set by {@link #insecure()})
 * @param requestId the {@code raftpad-request-id} of every call (the CLI's {@code --request-id}),
 *     or null for a fresh id per call (set by {@link #withRequestId})
 */
public record ClientOptions(
    Duration attemptTimeout,
    Duration callTimeout,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration offlineAfter,
    Executor eventExecutor,
    boolean pinned,
    TrustedCa trustedCa,
    boolean plaintext,
    String requestId) {

  public ClientOptions {
    requirePositive(attemptTimeout, "attemptTimeout");
    requirePositive(callTimeout, "callTimeout");
    requirePositive(initialBackoff, "initialBackoff");
    requirePositive(maxBackoff, "maxBackoff");
    requirePositive(offlineAfter, "offlineAfter");
    if (requestId != null && !RequestIds.acceptable(requestId)) {
      throw new IllegalArgumentException(RequestIds.RULE + ": " + requestId);
    }
  }

  /**
   * 5 s per attempt, 30 s per call, backoff 20 ms to 1 s, offline after 10 s, SDK event thread, TLS
   * trusting the JDK's trust store.
   */
  public static ClientOptions defaults() {
    return new ClientOptions(
        Duration.ofSeconds(5),
        Duration.ofSeconds(30),
        Duration.ofMillis(20),
        Duration.ofSeconds(1),
        Duration.ofSeconds(10),
        null,
        false,
        null,
        false,
        null);
  }

  public ClientOptions withTimeouts(Duration attempt, Duration call) {
    return new ClientOptions(
        attempt,
        call,
        initialBackoff,
        maxBackoff,
        offlineAfter,
        eventExecutor,
        pinned,
        trustedCa,
        plaintext,
        requestId);
  }

  public ClientOptions withBackoff(Duration initial, Duration max) {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initial,
        max,
        offlineAfter,
        eventExecutor,
        pinned,
        trustedCa,
        plaintext,
        requestId);
  }

  public ClientOptions withEventExecutor(Executor executor) {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initialBackoff,
        maxBackoff,
        offlineAfter,
        executor,
        pinned,
        trustedCa,
        plaintext,
        requestId);
  }

  public ClientOptions withOfflineAfter(Duration offline) {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initialBackoff,
        maxBackoff,
        offline,
        eventExecutor,
        pinned,
        trustedCa,
        plaintext,
        requestId);
  }

  /** Only the first seed, no redirects, no failover. */
  public ClientOptions pinnedToFirstSeed() {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initialBackoff,
        maxBackoff,
        offlineAfter,
        eventExecutor,
        true,
        trustedCa,
        plaintext,
        requestId);
  }

  /** TLS trusting {@code ca} (e.g. a local cluster's CA) instead of the JDK's trust store. */
  public ClientOptions withTrustedCa(TrustedCa ca) {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initialBackoff,
        maxBackoff,
        offlineAfter,
        eventExecutor,
        pinned,
        ca,
        false,
        requestId);
  }

  /**
   * TLS trusting the CA certificates of a PEM file.
   *
   * @throws dev.raftpad.tls.BadTlsFileException with one line when the file is missing or not PEM
   */
  public ClientOptions withTrustedCa(Path caFile) {
    return withTrustedCa(TrustedCa.load(caFile));
  }

  /** Plaintext, for a cluster run with {@code --insecure}: anyone on the network can listen. */
  public ClientOptions insecure() {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initialBackoff,
        maxBackoff,
        offlineAfter,
        eventExecutor,
        pinned,
        null,
        true,
        requestId);
  }

  /**
   * Every call carries {@code id} as its request id, so one operation can be followed through the
   * servers' and the LLM node's logs; null for a fresh id per call (the default).
   */
  public ClientOptions withRequestId(String id) {
    return new ClientOptions(
        attemptTimeout,
        callTimeout,
        initialBackoff,
        maxBackoff,
        offlineAfter,
        eventExecutor,
        pinned,
        trustedCa,
        plaintext,
        id);
  }

  /** The gRPC credentials these options describe. */
  public ChannelCredentials channelCredentials() {
    return plaintext ? GrpcTls.insecureClient() : GrpcTls.client(trustedCa);
  }

  private static void requirePositive(Duration d, String name) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
