package dev.raftpad.client.bench;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import java.util.function.Supplier;

/**
 * How the load generator's people sign in: every editor as {@code user} (one session each, rate
 * limited as a real user's would be), each watcher account as {@code user-watcher-K}, registered by
 * {@code owner} with the same password (an admin, when registration is closed).
 *
 * @param connect a new client of the cluster, not signed in
 */
public record LoadAccounts(
    Supplier<RaftpadClient> connect, RaftpadClient owner, String user, String password) {

  /** A new client signed in as editor {@code i}. */
  public RaftpadClient editor(int i) {
    return signedIn(user, "load-editor-" + i);
  }

  /** A new client signed in as watcher account {@code k}, registered first if it is new. */
  public RaftpadClient watcherAccount(int k) {
    String account = user + "-watcher-" + k;
    try {
      owner.register(account, password, account);
    } catch (RaftpadException e) {
      if (e.reason() != RaftpadException.Reason.USERNAME_TAKEN) {
        throw e;
      }
    }
    return signedIn(account, "load-" + account);
  }

  private RaftpadClient signedIn(String username, String device) {
    RaftpadClient client = connect.get();
    try {
      client.login(username, password, device);
      return client;
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }
}
