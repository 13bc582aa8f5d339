package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.model.LockInfo;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** LOCK / UNLOCK as leases: others' edits are refused until the lease ends or is released. */
final class LockCommands {
  private LockCommands() {}

  @Command(
      name = "lock",
      description = "Lock a document for a while (locking again renews the lease).")
  static final class Lock implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Option(
        names = "--lease",
        defaultValue = "60",
        description = "lease in seconds, 5-600 (default: ${DEFAULT-VALUE})")
    long leaseSeconds;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      LockInfo lock = cli.signedIn().locks().lock(id, Duration.ofSeconds(leaseSeconds));
      cli.output()
          .print(
              lock,
              l ->
                  "locked by "
                      + l.holder().username()
                      + " until "
                      + LocalTimes.format(l.expiresAt()));
      return ExitCodes.OK;
    }
  }

  @Command(name = "unlock", description = "Release your lock on a document.")
  static final class Unlock implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = DocumentRefs.DESCRIPTION)
    String document;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      cli.signedIn().locks().unlock(id);
      cli.output().text("unlocked");
      return ExitCodes.OK;
    }
  }
}
