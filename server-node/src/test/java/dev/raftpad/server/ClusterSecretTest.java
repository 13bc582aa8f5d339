package dev.raftpad.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node runs only with a cluster secret someone chose: none built in, no placeholder, and a secret
 * file that no other user can read. Each refusal is one line and starts nothing.
 */
class ClusterSecretTest {
  @TempDir Path dir;
  private Path dataDir;

  @BeforeEach
  void noSecretInTheEnvironment() {
    assumeThat(System.getenv("RAFTPAD_CLUSTER_SECRET")).isNull();
    dataDir = dir.resolve("n1");
  }

  @Test
  void aNodeWithoutASecretDoesNotStartAndSaysSoInOneLine() {
    Outcome outcome = run("--listen", "127.0.0.1:0", "--data-dir", dataDir.toString());

    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err())
        .startsWith("server-node: no cluster secret")
        .contains("new-secret FILE")
        .hasLineCount(1);
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void thePlaceholdersOfTheExamplesAreRefused() {
    for (String placeholder :
        new String[] {"change-me-to-a-long-random-string", "local-development-secret"}) {
      Outcome outcome =
          run("--secret", placeholder, "--listen", "127.0.0.1:0", "--data-dir", dataDir.toString());

      assertThat(outcome.code()).isEqualTo(2);
      assertThat(outcome.err()).startsWith("server-node: the cluster secret is a placeholder");
    }
    assertThat(dataDir).doesNotExist();
  }

  @Test
  void aSecretFileOthersCanReadIsRefusedWithTheFix() throws Exception {
    Path file = Files.writeString(dir.resolve("secret"), "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    Outcome outcome =
        run(
            "--secret-file",
            file.toString(),
            "--listen",
            "127.0.0.1:0",
            "--data-dir",
            "" + dataDir);

    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("can be read by other users").contains("chmod 600 " + file);
  }

  @Test
  void newSecretWritesAPrivateRandomSecretOnceAndTheNodeAcceptsIt() throws Exception {
    Path file = dir.resolve("cluster.secret");

    Outcome first = run("new-secret", file.toString());
    String written = Files.readString(file, StandardCharsets.UTF_8);
    Outcome again = run("new-secret", file.toString());

    assertThat(first.code()).isZero();
    assertThat(written).matches("[0-9a-f]{64}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(again.code()).isEqualTo(2);
    assertThat(again.err()).contains("never overwritten");
    assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(written);
    assertThat(ClusterSecretSource.resolve("", file)).isEqualTo(written.strip());
  }

  @Test
  void theSecretIsGivenOnceNotTwice() throws Exception {
    Path file = dir.resolve("cluster.secret");
    ClusterSecretSource.create(file);

    Outcome outcome =
        run(
            "--secret",
            "a-long-enough-secret-value",
            "--secret-file",
            file.toString(),
            "--data-dir",
            dataDir.toString());

    assertThat(outcome.code()).isEqualTo(2);
    assertThat(outcome.err()).contains("not both");
  }

  private record Outcome(int code, String err) {}

  private static Outcome run(String... args) {
    StringWriter err = new StringWriter();
    int code = ServerNodeMain.run(args, new PrintWriter(err));
    return new Outcome(code, err.toString());
  }
}
