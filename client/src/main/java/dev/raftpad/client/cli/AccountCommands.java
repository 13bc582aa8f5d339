package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.model.Identity;
import dev.raftpad.client.sdk.model.LoginSession;
import dev.raftpad.client.sdk.model.User;
import java.net.InetAddress;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Accounts: register, login (the token is stored privately), logout, whoami. */
final class AccountCommands {
  private AccountCommands() {}

  @Command(
      name = "register",
      description = "Create an account (the first account of a cluster becomes its admin).")
  static final class Register implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the user name")
    String username;

    @Option(names = "--display-name", description = "the name others see (default: the user name)")
    String displayName;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      String password =
          Passwords.read(cli.runtime, passwordStdin, "Password for " + username + ": ");
      User user =
          cli.client().register(username, password, displayName == null ? username : displayName);
      cli.output()
          .print(
              user,
              u ->
                  "registered "
                      + u.username()
                      + (u.admin() ? " (admin)" : "")
                      + "; now run: "
                      + cli.runtime.invocation.command("login " + u.username()));
      return ExitCodes.OK;
    }
  }

  @Command(name = "login", description = "Sign in; later commands use the stored session.")
  static final class Login implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", description = "the user name")
    String username;

    @Option(names = "--password-stdin", description = "read the password from standard input")
    boolean passwordStdin;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      String password =
          Passwords.read(cli.runtime, passwordStdin, "Password for " + username + ": ");
      RaftpadClient client = cli.client();
      LoginSession session = client.login(username, password, device());
      cli.credentials()
          .save(
              new CredentialStore.Saved(
                  cli.servers(),
                  session.user().username(),
                  session.token(),
                  cli.transport().ca() == null
                      ? ""
                      : cli.transport().ca().toAbsolutePath().toString(),
                  cli.transport().insecure()));
      cli.output()
          .print(
              new Signed(session.user(), session.expiresAt().toString()),
              s ->
                  "signed in as "
                      + s.user().username()
                      + " until "
                      + LocalTimes.format(s.expiresAt()));
      return ExitCodes.OK;
    }

    private static String device() {
      try {
        return "cli@" + InetAddress.getLocalHost().getHostName();
      } catch (java.io.IOException e) {
        return "cli";
      }
    }
  }

  /** What login prints (the token stays in the store, never on the screen). */
  record Signed(User user, String expiresAt) {}

  @Command(name = "logout", description = "End the session: its locks are released.")
  static final class Logout implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      RaftpadCli cli = RaftpadCli.of(spec);
      try {
        cli.signedIn().logout();
      } finally {
        cli.credentials().clear(); // even if the server is gone, forget the token here
      }
      cli.output().text("signed out");
      return ExitCodes.OK;
    }
  }

  @Command(name = "whoami", description = "Who the stored session belongs to.")
  static final class WhoAmI implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      Identity identity = cli.signedIn().whoAmI();
      cli.output()
          .print(
              identity,
              i ->
                  i.user().username()
                      + (i.user().admin() ? " (admin)" : "")
                      + ", session until "
                      + LocalTimes.format(i.sessionExpiresAt()));
      return ExitCodes.OK;
    }
  }
}
