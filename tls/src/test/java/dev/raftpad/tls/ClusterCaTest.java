package dev.raftpad.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterCaTest {
  @Test
  void nodeCertificatesNameLocalhostAndTheGivenHostsAndServeBothEnds() throws Exception {
    ClusterCa ca = ClusterCa.create("test CA");
    IssuedCertificate issued = ca.issue("n1", List.of("node1.example", "10.0.0.7"));
    X509Certificate leaf = issued.chain().get(0);
    leaf.verify(ca.certificate().getPublicKey());
    assertThat(
            leaf.getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1)))
                .toList())
        .containsExactly("localhost", "127.0.0.1", "node1.example", "10.0.0.7");
    assertThat(leaf.getExtendedKeyUsage())
        .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2"); // serverAuth, clientAuth
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }
}
