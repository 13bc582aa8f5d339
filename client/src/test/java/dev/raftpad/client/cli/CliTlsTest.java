package dev.raftpad.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.raftpad.server.testing.InProcessCluster;
import dev.raftpad.testkit.TestTls;
import dev.raftpad.tls.PemFiles;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI over TLS: with the cluster's CA it works; with another CA it says what to give. */
class CliTlsTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(InProcessCluster.settings(dir.resolve("cluster")).withSize(1));
  }

  @AfterAll
  static void stop() throws Exception {
    cluster.close();
  }

  @Test
  void withTheClustersCaTheCliRegisters() {
    Run run = cli(TestTls.caFile(), "register", "ada", "--password-stdin");
    assertThat(run.exit()).as(run.err()).isZero();
  }

  @Test
  void withAnotherCaTheCliSaysToGiveTheClustersCa() throws Exception {
    Path otherCa = dir.resolve("other-ca.pem");
    PemFiles.writeCertificates(otherCa, List.of(TestTls.foreignCa().certificate()));

    Run run = cli(otherCa, "register", "bob", "--password-stdin");

    assertThat(run.exit()).isNotZero();
    assertThat(run.err())
        .startsWith("raftpad: the TLS handshake failed")
        .contains("--ca FILE")
        .hasLineCount(1);
  }

  @Test
  void aMissingCaFileIsOneLine() {
    Run run = cli(dir.resolve("nope.pem"), "register", "cid", "--password-stdin");
    assertThat(run.err().strip())
        .isEqualTo("raftpad: the CA file " + dir.resolve("nope.pem") + " does not exist");
  }

  private record Run(int exit, String err) {}

  private static Run cli(Path ca, String... args) {
    StringWriter err = new StringWriter();
    List<String> all =
        new java.util.ArrayList<>(
            List.of(
                "--servers",
                cluster.seeds(),
                "--home",
                dir.resolve("home").toString(),
                "--ca",
                ca.toString()));
    all.addAll(List.of(args));
    int exit =
        RaftpadCli.run(
            all.toArray(String[]::new),
            new BufferedReader(new StringReader("a-long-password\n")),
            new PrintWriter(new StringWriter(), true),
            new PrintWriter(err, true),
            new Invocation("raftpad", List.of("false")));
    return new Run(exit, err.toString());
  }
}
