package dev.raftpad.client.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.client.sdk.ClientOptions;
import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.testkit.Await;
import dev.raftpad.testkit.process.NodeProcesses;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plaintext is a choice a node's operator makes on purpose, and says so: a real node process
 * started with {@code --insecure} warns in its log at startup, serves a plaintext client, and a
 * client that expects TLS cannot talk to it.
 */
class InsecureNodeTest {
  @TempDir Path root;

  @Test
  void aNodeStartedInsecureWarnsServesPlaintextAndRefusesTls() throws Exception {
    try (NodeProcesses nodes =
        new NodeProcesses(root, List.of("n1"), NodeProcesses.CHAOS).plaintext()) {
      nodes.start("n1");

      ClientOptions quick =
          ClientOptions.defaults().withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(4));
      try (RaftpadClient plaintext =
          RaftpadClient.connect(SeedAddresses.parse(nodes.seeds()), quick.insecure())) {
        Await.until(
            "the plaintext client registers",
            () -> {
              try {
                var unused = plaintext.register("admin", "a-long-password", "Admin");
                return true;
              } catch (RaftpadException e) {
                // An attempt whose answer was lost (the node was still opening) may have
                // registered it: then the account exists, which is what this step wants.
                return e.reason() == RaftpadException.Reason.USERNAME_TAKEN;
              }
            });
      }
      assertThat(nodes.log("n1"))
          .containsPattern("WARN .*--insecure: TLS is off")
          .contains("(plaintext;");

      try (RaftpadClient tls =
          RaftpadClient.connect(
              SeedAddresses.parse(nodes.seeds()), quick.withTrustedCa(nodes.caFile()))) {
        RaftpadException refused =
            catchThrowableOfType(
                RaftpadException.class, () -> tls.login("admin", "a-long-password", "x"));
        assertThat(refused.reason()).isEqualTo(RaftpadException.Reason.UNAVAILABLE);
      }
    }
  }
}
