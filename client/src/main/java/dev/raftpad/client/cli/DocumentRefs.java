package dev.raftpad.client.cli;

import dev.raftpad.client.sdk.Documents;
import dev.raftpad.client.sdk.model.DocumentInfo;
import dev.raftpad.client.sdk.model.Page;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Finds the document a person means: its id, a prefix of the id that fits one document, or its
 * title. Ids are long UUIDs nobody types; a prefix or a title is what people remember.
 */
final class DocumentRefs {
  /** The label of every positional parameter that names a document (the completer looks at it). */
  static final String LABEL = "DOCUMENT";

  /** The help text of a DOCUMENT parameter, one wording for every command. */
  static final String DESCRIPTION = "the document: its id, the start of its id, or its title";

  private static final Pattern FULL_ID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  private DocumentRefs() {}

  /** No document, or more than one, fits what was typed. */
  static final class UnresolvedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final boolean ambiguous;

    UnresolvedException(String message, boolean ambiguous) {
      super(message);
      this.ambiguous = ambiguous;
    }

    boolean ambiguous() {
      return ambiguous;
    }
  }

  /**
   * The id of the document {@code reference} names among the live documents (or, with {@code
   * inTrash}, the deleted ones). A full id is passed through unchecked (saving a listing): the
   * cluster answers for it.
   */
  static String resolve(Documents documents, String reference, boolean inTrash) {
    String typed = reference.strip();
    if (FULL_ID.matcher(typed).matches()) {
      return typed;
    }
    List<DocumentInfo> candidates =
        all(documents, inTrash).stream().filter(d -> d.deleted() == inTrash).toList();
    List<DocumentInfo> fits = matching(candidates, typed);
    if (fits.size() == 1) {
      return fits.getFirst().id();
    }
    String where = inTrash ? " in the trash" : "";
    if (fits.isEmpty()) {
      throw new UnresolvedException(
          "no document" + where + " has the id or title '" + typed + "'", false);
    }
    throw new UnresolvedException(
        "'"
            + typed
            + "' fits "
            + fits.size()
            + " documents"
            + where
            + " ("
            + String.join(", ", fits.stream().map(d -> shortId(d) + " " + d.title()).toList())
            + "); give more of the id",
        true);
  }

  /**
   * The documents {@code typed} fits: the one with exactly that id; else those whose id starts with
   * it or whose title is it; else those whose title is it ignoring case.
   */
  static List<DocumentInfo> matching(List<DocumentInfo> documents, String typed) {
    for (DocumentInfo d : documents) {
      if (d.id().equalsIgnoreCase(typed)) {
        return List.of(d);
      }
    }
    String prefix = typed.toLowerCase(Locale.ROOT);
    List<DocumentInfo> fits = new ArrayList<>();
    for (DocumentInfo d : documents) {
      if (d.id().toLowerCase(Locale.ROOT).startsWith(prefix) || d.title().equals(typed)) {
        fits.add(d);
      }
    }
    if (fits.isEmpty()) {
      for (DocumentInfo d : documents) {
        if (d.title().equalsIgnoreCase(typed)) {
          fits.add(d);
        }
      }
    }
    return fits;
  }

  /** Every page of the document list. */
  static List<DocumentInfo> all(Documents documents, boolean includeDeleted) {
    List<DocumentInfo> all = new ArrayList<>();
    String token = "";
    do {
      Page<DocumentInfo> page = documents.list(includeDeleted, 0, token, false);
      all.addAll(page.items());
      token = page.nextPageToken().orElse("");
    } while (!token.isEmpty());
    return all;
  }

  /** The first 8 characters of the id: enough to tell documents apart, and to type. */
  static String shortId(DocumentInfo document) {
    return document.id().length() > 8 ? document.id().substring(0, 8) : document.id();
  }
}
