package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.MemberStatus;
import dev.raftpad.desktop.testing.Accounts;
import dev.raftpad.desktop.testing.QueueExecutor;
import dev.raftpad.server.testing.InProcessCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cluster view's model on a real three-node cluster, without the toolkit. */
class ClusterViewModelTest {
  @TempDir static Path dir;
  static InProcessCluster cluster;
  static Accounts.SignedIn admin;
  static Accounts.SignedIn guest;

  private final QueueExecutor ui = new QueueExecutor();
  private final Threads threads = new Threads(ui, Runnable::run);
  private final List<Notice> notices = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    cluster = InProcessCluster.start(InProcessCluster.settings(dir).withSize(3));
    // The first account of a cluster administers it; the second does not.
    admin = Accounts.register(cluster, Runnable::run, "Root");
    guest = Accounts.register(cluster, Runnable::run, "Guest");
  }

  @AfterAll
  static void stop() throws Exception {
    admin.client().close();
    guest.client().close();
    cluster.close();
  }

  private ClusterViewModel model(Accounts.SignedIn who) {
    ClusterViewModel model =
        new ClusterViewModel(who.client(), threads, notices::add, who.user().admin());
    model.refresh();
    ui.drainUntil("the status", () -> model.members().size() == 3);
    return model;
  }

  @Test
  void anAdminHandsLeadershipToAnotherNodeAndTheStatusShowsIt() {
    ClusterViewModel model = model(admin);
    assertThat(model.isAdmin()).isTrue();
    String leader = cluster.leaderId();
    String target =
        model.members().stream()
            .map(MemberStatus::nodeId)
            .filter(n -> !n.equals(leader))
            .sorted()
            .findFirst()
            .orElseThrow();

    model.transferLeadership(target);
    ui.drainUntil("an answer", () -> !notices.isEmpty());
    assertThat(notices)
        .containsExactly(Notice.info("Leadership", "The leader is now " + target + "."));
    // The refresh after the hand-over may be answered by a node that has not heard yet: the Refresh
    // button is pressed until the status names the new leader.
    ui.drainUntil(
        "the new leader in the status",
        () -> {
          boolean shown = model.summaryProperty().get().contains("leader " + target + " ");
          if (!shown) {
            model.refresh();
          }
          return shown;
        });
    assertThat(model.members())
        .filteredOn(m -> m.nodeId().equals(target))
        .singleElement()
        .satisfies(m -> assertThat(m.role().name()).isEqualTo("LEADER"));
  }

  @Test
  void aNonAdminSeesTheStatusButIsToldClusterChangesAreForAdmins() {
    ClusterViewModel model = model(guest);
    assertThat(model.isAdmin()).isFalse();
    String summary = model.summaryProperty().get();

    model.transferLeadership("n2");
    model.removeNode("n3");
    model.addNode("n9", "127.0.0.1:1");
    ui.drain();

    assertThat(notices)
        .containsExactly(
            Notice.warning("Transfer leadership", ClusterViewModel.ADMINS_ONLY),
            Notice.warning("Remove node", ClusterViewModel.ADMINS_ONLY),
            Notice.warning("Add node", ClusterViewModel.ADMINS_ONLY));
    assertThat(model.members()).hasSize(3);
    assertThat(model.summaryProperty().get()).isEqualTo(summary);
    // The cluster itself refuses a non-admin, in the same words.
    assertThatThrownBy(() -> guest.client().cluster().transferLeadership("n2"))
        .isInstanceOfSatisfying(
            RaftpadException.class,
            e -> assertThat(Problems.describe(e)).isEqualTo(ClusterViewModel.ADMINS_ONLY));
  }
}
