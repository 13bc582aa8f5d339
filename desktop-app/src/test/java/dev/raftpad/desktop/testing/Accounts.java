package dev.raftpad.desktop.testing;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.User;
import dev.raftpad.server.testing.InProcessCluster;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/** Accounts on an in-process cluster for view-model tests that need no sign-in form. */
public final class Accounts {
  private static final AtomicInteger COUNT = new AtomicInteger();

  private Accounts() {}

  /** A signed-in client and its user. */
  public record SignedIn(RaftpadClient client, User user) {}

  /** Registers a new user named {@code name} (the cluster's first account is its admin). */
  public static SignedIn register(InProcessCluster cluster, Executor ui, String name) {
    String username = name.toLowerCase(Locale.ROOT) + COUNT.incrementAndGet();
    RaftpadClient client = TestClients.client(cluster, ui);
    var unused = client.register(username, "password-" + username, name);
    return new SignedIn(client, client.login(username, "password-" + username, "test").user());
  }
}
