package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.ClusterStatus;
import dev.raftpad.client.sdk.model.MemberStatus;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The cluster view: members with role, lag and health, the leader and the term; for admins, adding
 * and removing nodes and handing over leadership. UI executor only.
 */
public final class ClusterViewModel {
  /** Entries behind the leader before a member counts as lagging. */
  static final long LAGGING = 100;

  private final RaftpadClient client;
  private final Threads threads;
  private final Consumer<Notice> notices;
  private final boolean admin;
  private final ObservableList<MemberStatus> members = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

  public ClusterViewModel(
      RaftpadClient client, Threads threads, Consumer<Notice> notices, boolean admin) {
    this.client = client;
    this.threads = threads;
    this.notices = notices;
    this.admin = admin;
  }

  public ObservableList<MemberStatus> members() {
    return members;
  }

  /** "Cluster c · leader n1 · term 3 · commit 42". */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  /**
   * What a non-admin is told instead of a cluster change (the same words as the server's refusal).
   */
  public static final String ADMINS_ONLY = "Only an administrator can do that.";

  /** Whether the membership actions are offered (others see them disabled). */
  public boolean isAdmin() {
    return admin;
  }

  public void refresh() {
    change(() -> client.cluster().status(), "Cluster status");
  }

  public void addNode(String nodeId, String address) {
    if (refusedForNonAdmin("Add node")) {
      return;
    }
    change(() -> client.cluster().addNode(nodeId.strip(), address.strip()), "Add node");
  }

  public void removeNode(String nodeId) {
    if (refusedForNonAdmin("Remove node")) {
      return;
    }
    change(() -> client.cluster().removeNode(nodeId), "Remove node");
  }

  /** Hands leadership to {@code nodeId} (empty = the most up-to-date voter). */
  public void transferLeadership(String nodeId) {
    if (refusedForNonAdmin("Transfer leadership")) {
      return;
    }
    threads.call(
        () -> client.cluster().transferLeadership(nodeId),
        leader -> {
          notices.accept(Notice.info("Leadership", "The leader is now " + leader + "."));
          refresh();
        },
        e -> notices.accept(Notice.error("Transfer leadership", Problems.describe(e))));
  }

  /** A member's health in a word or three. */
  public static String health(MemberStatus m) {
    if (!m.reachable()) {
      return "unreachable";
    }
    if (m.lag() > LAGGING) {
      return "lagging";
    }
    return "healthy";
  }

  /** Tells a non-admin why nothing happens, without asking the cluster (which would refuse). */
  private boolean refusedForNonAdmin(String what) {
    if (!admin) {
      notices.accept(Notice.warning(what, ADMINS_ONLY));
    }
    return !admin;
  }

  private void change(Supplier<ClusterStatus> call, String what) {
    threads.call(call, this::show, e -> notices.accept(Notice.error(what, Problems.describe(e))));
  }

  private void show(ClusterStatus status) {
    members.setAll(status.members());
    summary.set(
        "Cluster "
            + status.clusterId()
            + " · leader "
            + status.leaderId().orElse("none")
            + " · term "
            + status.term()
            + " · commit "
            + status.commitIndex()
            + " · answered by "
            + status.answeringNodeId());
  }
}
