package dev.raftpad.client.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import dev.raftpad.tls.PemFiles;
import dev.raftpad.tls.TrustedCa;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Certificate rotation as the operator guide says, on three real server processes with TLS: for one
 * node at a time, issue a new certificate and key, restart the node (SIGTERM, as systemd does), and
 * wait until it serves the new certificate. A writer renames a document the whole time; the cluster
 * acknowledges writes while each node is down, no write fails, and at the end every node serves its
 * new certificate and is a reachable member again.
 */
class CertificateRotationTest {
  private static final String PASSWORD = "rotation password";

  @TempDir Path root;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void renewingEveryCertificateByARollingRestartKeepsTheClusterAvailable() throws Exception {
    List<String> ids = List.of("n1", "n2", "n3");
    try (NodeProcesses nodes = new NodeProcesses(root, ids);
        RaftpadClient client =
            RaftpadClient.connect(
                SeedAddresses.parse(nodes.seeds()),
                ClientOptions.defaults()
                    .withTrustedCa(nodes.caFile())
                    .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(30))
                    .withBackoff(Duration.ofMillis(20), Duration.ofMillis(300)))) {
      for (String id : ids) {
        nodes.start(id);
      }
      retry(() -> client.register("admin", PASSWORD, "Admin"));
      retry(() -> client.login("admin", PASSWORD, "rotation"));
      String doc = retry(() -> client.documents().create("Rotation", "text")).id();

      AtomicLong acknowledged = new AtomicLong();
      List<Throwable> failures = new CopyOnWriteArrayList<>();
      AtomicBoolean writing = new AtomicBoolean(true);
      Thread writer =
          Thread.ofPlatform()
              .name("writer")
              .start(
                  () -> {
                    for (long i = 0; writing.get(); i++) {
                      try {
                        client.documents().rename(doc, "title " + i);
                        acknowledged.incrementAndGet();
                      } catch (RuntimeException e) {
                        failures.add(e);
                      }
                    }
                  });
      try {
        for (String id : ids) {
          BigInteger before = served(nodes, id).getSerialNumber();
          nodes.certificates().ensure(List.of(id), List.of(), true);
          BigInteger renewed =
              PemFiles.readCertificates(nodes.certificates().certificate(id), "the new certificate")
                  .get(0)
                  .getSerialNumber();
          assertThat(renewed).isNotEqualTo(before);

          nodes.stop(id);
          long atStop = acknowledged.get();
          awaitOrReport(
              nodes,
              failures,
              "a write is acknowledged while " + id + " is down",
              () -> acknowledged.get() > atStop);
          nodes.start(id);
          awaitOrReport(
              nodes,
              failures,
              id + " serves its new certificate",
              () -> renewed.equals(servedSerialOrNull(nodes, id)));
          awaitOrReport(
              nodes, failures, id + " is a reachable member again", () -> reachable(client, id));
        }
        long atEnd = acknowledged.get();
        Await.until("writes go on after the rotation", () -> acknowledged.get() > atEnd);
      } finally {
        writing.set(false);
        writer.join(TimeUnit.SECONDS.toMillis(60));
      }
      assertThat(failures).as("writes that failed during the rotation").isEmpty();
    }
  }

  /**
   * Waits (a minute: three JVMs restart on a loaded two-core machine) and, if it times out, fails
   * with the nodes' last log lines and the writer's failures, so a failure can be understood.
   */
  private static void awaitOrReport(
      NodeProcesses nodes,
      List<Throwable> failures,
      String what,
      java.util.function.BooleanSupplier condition) {
    try {
      Await.until(what, Duration.ofSeconds(60), condition);
    } catch (AssertionError e) {
      StringBuilder report = new StringBuilder(e.getMessage());
      report.append("\nwriter failures: ").append(failures);
      for (String node : nodes.ids()) {
        report.append("\n--- ").append(node).append(":\n").append(nodes.logTail(node, 30));
      }
      throw new AssertionError(report.toString(), e);
    }
  }

  private static boolean reachable(RaftpadClient client, String id) {
    try {
      return client.cluster().status().members().stream()
          .filter(member -> member.nodeId().equals(id))
          .anyMatch(member -> member.reachable() && member.lag() == 0);
    } catch (RaftpadException e) {
      return false;
    }
  }

  private static BigInteger servedSerialOrNull(NodeProcesses nodes, String id) {
    try {
      return served(nodes, id).getSerialNumber();
    } catch (IOException e) {
      return null; // not listening yet
    }
  }

  /** The certificate node {@code id} shows in a TLS handshake (trusting the run's CA). */
  private static X509Certificate served(NodeProcesses nodes, String id) throws IOException {
    String[] hostPort = nodes.address(id).split(":", -1);
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      List<X509Certificate> cas = TrustedCa.load(nodes.caFile()).certificates();
      for (int i = 0; i < cas.size(); i++) {
        trusted.setCertificateEntry("ca-" + i, cas.get(i));
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      try (SSLSocket socket =
          (SSLSocket)
              context.getSocketFactory().createSocket(hostPort[0], Integer.parseInt(hostPort[1]))) {
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"}); // what gRPC's server expects
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(5_000);
        socket.startHandshake();
        return (X509Certificate) socket.getSession().getPeerCertificates()[0];
      }
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
  }

  private static <T> T retry(java.util.function.Supplier<T> call) {
    long deadline = System.nanoTime() + Await.WAIT.toNanos();
    while (true) {
      try {
        return call.get();
      } catch (RaftpadException e) {
        if (e.reason() == RaftpadException.Reason.USERNAME_TAKEN) {
          return null; // a retried register whose first attempt went through
        }
        if (!e.reason().isTransient() || System.nanoTime() > deadline) {
          throw e;
        }
      }
    }
  }
}
