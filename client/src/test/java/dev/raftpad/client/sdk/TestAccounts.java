package dev.raftpad.client.sdk;

import dev.raftpad.client.SeedAddresses;
import dev.raftpad.testkit.TestTls;

/** The one way client tests make a new account and sign it in on a client of its own. */
public final class TestAccounts {
  /** The password every test account has. */
  public static final String PASSWORD = "a-long-password";

  private TestAccounts() {}

  /** A new client of the cluster at {@code seeds}, registered and signed in as {@code user}. */
  public static RaftpadClient signedIn(String seeds, String user) {
    RaftpadClient client =
        RaftpadClient.connect(
            SeedAddresses.parse(seeds),
            ClientOptions.defaults().withTrustedCa(TestTls.trustedCa()));
    client.register(user, PASSWORD, user);
    client.login(user, PASSWORD, "test");
    return client;
  }
}
