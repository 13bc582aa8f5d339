package dev.raftpad.raft.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeIdentityTest {
  @TempDir Path dir;

  @Test
  void aNewDataDirTakesTheIdentityAndKeepsIt() throws IOException {
    NodeIdentity identity = new NodeIdentity("n1", "prod");
    assertThat(NodeIdentity.loadOrCreate(dir, identity)).isEqualTo(identity);
    assertThat(NodeIdentity.loadOrCreate(dir, identity)).isEqualTo(identity);
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("identity");
    }
  }

  @Test
  void anotherNodeOrClusterIsRefused() throws IOException {
    NodeIdentity.loadOrCreate(dir, new NodeIdentity("n1", "prod"));

    assertThatThrownBy(() -> NodeIdentity.loadOrCreate(dir, new NodeIdentity("n2", "prod")))
        .hasMessageContaining("belongs to node 'n1' of cluster 'prod'");
    assertThatThrownBy(() -> NodeIdentity.loadOrCreate(dir, new NodeIdentity("n1", "staging")))
        .hasMessageContaining("not node 'n1' of cluster 'staging'");
  }

  @Test
  void aDamagedIdentityFileIsReported() throws IOException {
    Files.writeString(dir.resolve("identity"), "node.id=\ncluster.id=prod\n");
    assertThatThrownBy(() -> NodeIdentity.loadOrCreate(dir, new NodeIdentity("n1", "prod")))
        .hasMessageContaining("damaged identity file");
  }

  @Test
  void idsAreValidated() {
    assertThatThrownBy(() -> new NodeIdentity("bad id", "c")).hasMessageContaining("node id");
    assertThatThrownBy(() -> new NodeIdentity("n1", "")).hasMessageContaining("cluster id");
  }
}
