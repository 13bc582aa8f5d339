package dev.raftpad.desktop.view;

import dev.raftpad.server.testing.InProcessCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The fixture of the UI test classes that put Ada and Bob side by side: one in-process cluster per
 * class in a temporary directory of its own, Ada registered first (so she administers the cluster
 * and Bob does not), the toolkit's primary stage registered before and every window closed after. A
 * class declares {@code @RegisterExtension static final TwoUsers users = TwoUsers.onNodes(3);}.
 */
final class TwoUsers implements BeforeAllCallback, AfterAllCallback {
  private final int nodes;
  private final String adaDisplayName;
  private Path dir;
  private InProcessCluster cluster;
  private Fx.Account ada;
  private Fx.Account bob;

  private TwoUsers(int nodes, String adaDisplayName) {
    this.nodes = nodes;
    this.adaDisplayName = adaDisplayName;
  }

  /** A cluster of {@code nodes} nodes with Ada and Bob. */
  static TwoUsers onNodes(int nodes) {
    return new TwoUsers(nodes, "Ada");
  }

  /** The same, with Ada's display name (her avatar's initials come from it). */
  TwoUsers withAdaNamed(String displayName) {
    return new TwoUsers(nodes, displayName);
  }

  InProcessCluster cluster() {
    return cluster;
  }

  Fx.Account ada() {
    return ada;
  }

  Fx.Account bob() {
    return bob;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    FxToolkit.registerPrimaryStage();
    dir = Files.createTempDirectory("raftpad-ui-");
    cluster = InProcessCluster.start(InProcessCluster.settings(dir).withSize(nodes));
    ada = Fx.register(cluster, "Ada", adaDisplayName);
    bob = Fx.register(cluster, "Bob");
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    try {
      FxToolkit.cleanupStages();
      if (cluster != null) {
        cluster.close();
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
