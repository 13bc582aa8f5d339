package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.model.AccessEntry;
import dev.raftpad.client.sdk.model.AccessOverview;
import dev.raftpad.client.sdk.model.DocumentAccess;
import dev.raftpad.client.sdk.model.DocumentRole;
import dev.raftpad.client.sdk.model.User;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/** {@code raftpad docs share / unshare / access / transfer}: who may do what with a document. */
final class ShareCommands {
  private ShareCommands() {}

  /** A role as typed: viewer, commenter, editor (or none, where that means off). */
  static final class RoleConverter implements ITypeConverter<DocumentRole> {
    @Override
    public DocumentRole convert(String value) {
      try {
        DocumentRole role = DocumentRole.valueOf(value.strip().toUpperCase(Locale.ROOT));
        if (role != DocumentRole.OWNER) {
          return role;
        }
      } catch (IllegalArgumentException e) {
        // fall through to the one message
      }
      throw new TypeConversionException(
          "'"
              + value
              + "' is not a role: viewer, commenter or editor (none turns link access off)");
    }
  }

  /** The access as lines: owner, people, link access. */
  static String describe(DocumentAccess access) {
    List<String> lines = new ArrayList<>();
    lines.add("owner      " + access.owner().map(ShareCommands::name).orElse("?"));
    for (AccessEntry person : access.people()) {
      lines.add(String.format("%-10s %s", AccessText.role(person.role()), name(person.user())));
    }
    lines.add("link       " + AccessText.linkAccess(access.linkRole()));
    lines.add("you        " + AccessText.role(access.yourRole()));
    return String.join("\n", lines);
  }

  private static String name(User user) {
    return user.displayName().isEmpty() || user.displayName().equals(user.username())
        ? user.username()
        : user.username() + " (" + user.displayName() + ")";
  }

  @Command(
      name = "share",
      description = "Share a document with a user, or change their role (owner only).")
  static final class Share implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(index = "1", description = "the user name to share with")
    String username;

    @Option(
        names = "--role",
        converter = RoleConverter.class,
        description = "viewer, commenter or editor (default: ${DEFAULT-VALUE})",
        defaultValue = "editor")
    DocumentRole role;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      if (role == DocumentRole.NONE) {
        throw new picocli.CommandLine.ParameterException(
            spec.commandLine(),
            "to remove access use " + cli.runtime.invocation.command("docs unshare DOC USER"));
      }
      DocumentAccess access =
          cli.signedIn().sharing().share(cli.document(document), username, role);
      cli.output().print(access, ShareCommands::describe);
      return ExitCodes.OK;
    }
  }

  @Command(name = "unshare", description = "Remove a user's access to a document (owner only).")
  static final class Unshare implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Parameters(index = "1", description = "the user name")
    String username;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      DocumentAccess access = cli.signedIn().sharing().unshare(cli.document(document), username);
      cli.output().print(access, ShareCommands::describe);
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "access",
      description = {
        "Show who may do what with a document, and how that came to be.",
        "With --link, set what anyone signed in may do (owner only)."
      })
  static final class Access implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = DocumentRefs.LABEL, description = "the document")
    String document;

    @Option(
        names = "--link",
        converter = RoleConverter.class,
        description = "none, viewer, commenter or editor")
    DocumentRole link;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      String id = cli.document(document);
      if (link != null) {
        cli.signedIn().sharing().setLinkAccess(id, link);
      }
      AccessOverview overview = cli.signedIn().sharing().access(id);
      cli.output()
          .print(
              overview,
              o -> {
                StringBuilder text = new StringBuilder(describe(o.access()));
                if (!o.changes().isEmpty()) {
                  text.append("\n\nchanges (newest first):");
                  o.changes()
                      .forEach(
                          c ->
                              text.append("\n  ")
                                  .append(LocalTimes.format(c.time()))
                                  .append("  ")
                                  .append(AccessText.change(c)));
                }
                return text.toString();
              });
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "transfer",
      description =
          "Make another user the owner of a document; you keep editor access (owner, or an admin"
              + " recovering an orphaned document).")
  static final class Transfer implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = DocumentRefs.LABEL,
        description = "the document (an admin names it by its full id: it cannot list it)")
    String document;

    @Parameters(index = "1", description = "the new owner's user name")
    String username;

    @Override
    public Integer call() {
      RaftpadCli cli = RaftpadCli.of(spec);
      DocumentAccess access =
          cli.signedIn().sharing().transferOwnership(cli.document(document), username);
      cli.output().print(access, ShareCommands::describe);
      return ExitCodes.OK;
    }
  }
}
