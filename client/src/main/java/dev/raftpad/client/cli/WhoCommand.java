package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.model.OnlineUser;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code raftpad who [doc]}: who is online, and in which documents. */
@Command(name = "who", description = "Who is online (in one document, if given).")
final class WhoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = DocumentRefs.LABEL,
      description = "a document: its id, the start of its id, or its title")
  String document;

  @Override
  public Integer call() {
    RaftpadCli cli = RaftpadCli.of(spec);
    String id = document == null ? "" : cli.document(document);
    List<OnlineUser> online = cli.signedIn().presence().listOnline(id);
    cli.output()
        .print(
            online,
            list ->
                list.isEmpty()
                    ? "nobody is online"
                    : String.join(
                        "\n",
                        list.stream()
                            .map(
                                u ->
                                    u.user().username()
                                        + (u.documentIds().isEmpty()
                                            ? ""
                                            : "  in " + String.join(", ", u.documentIds()))
                                        + "  since "
                                        + u.since())
                            .toList()));
    return ExitCodes.OK;
  }
}
