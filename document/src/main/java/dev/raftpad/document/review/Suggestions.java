package dev.raftpad.document.review;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.Component;
import dev.raftpad.document.op.Delete;
import dev.raftpad.document.op.Insert;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import dev.raftpad.document.op.Retain;
import dev.raftpad.document.text.Document;
import dev.raftpad.document.text.Run;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Suggestions as the text carries them (ADR 0012): a suggested insertion is text marked {@code
 * suggestedInsert=<id>}, a suggested deletion is text marked {@code suggestedDelete=<id>}. Because
 * they are attributes, suggestions compose and transform like any formatting; these functions are
 * the few rules on top, the same on every replica and client.
 */
public final class Suggestions {
  private static final Attributes UNMARK_INSERT = Attributes.builder().suggestedInsert("").build();
  private static final Attributes UNMARK_DELETE = Attributes.builder().suggestedDelete("").build();

  private Suggestions() {}

  /** The suggestions in {@code document}, in the order they first appear. */
  public static List<SuggestedChange> in(Document document) {
    Map<String, Builder> found = new LinkedHashMap<>();
    int position = 0;
    for (Run run : document.runs()) {
      int length = run.text().codePointCount(0, run.text().length());
      String inserting = run.attributes().suggestedInsert();
      String deleting = run.attributes().suggestedDelete();
      if (inserting != null) {
        found.computeIfAbsent(inserting, Builder::new).inserted(position, length, run.text());
      }
      if (deleting != null) {
        found.computeIfAbsent(deleting, Builder::new).deleted(position, length, run.text());
      }
      position += length;
    }
    List<SuggestedChange> changes = new ArrayList<>(found.size());
    found.values().forEach(b -> changes.add(b.build()));
    return changes;
  }

  /**
   * The operation that accepts or rejects the suggestions {@code ids} in {@code document}: an
   * ordinary operation, so it merges with concurrent typing and is undone by its inverse. Text that
   * both inserts (suggestion A) and is proposed for deletion (suggestion B) disappears when A is
   * rejected or B accepted. Identity when no character carries any of the ids.
   */
  public static Operation resolve(Document document, Set<String> ids, Decision decision) {
    OperationBuilder resolution = Operation.builder();
    boolean accept = decision == Decision.ACCEPT;
    for (Run run : document.runs()) {
      int length = run.text().codePointCount(0, run.text().length());
      boolean inserting = named(ids, run.attributes().suggestedInsert());
      boolean deleting = named(ids, run.attributes().suggestedDelete());
      if ((inserting && !accept) || (deleting && accept)) {
        resolution.delete(length);
      } else if (inserting) {
        resolution.retain(length, UNMARK_INSERT);
      } else if (deleting) {
        resolution.retain(length, UNMARK_DELETE);
      } else {
        resolution.retain(length);
      }
    }
    return resolution.build();
  }

  /**
   * {@code typing}, made against {@code before}, as suggestion {@code id}: inserted text is marked
   * as a suggested insertion, and deleting text marks it as a suggested deletion instead — except
   * text that is the typist's own suggested insertion ({@code ownSuggestion} says which ids are
   * theirs), which is really deleted, as in every word processor's suggesting mode. Text another
   * suggestion already proposes to delete keeps that mark. Formatting changes are not suggestions
   * and are dropped.
   */
  public static Operation suggest(
      Operation typing, Document before, String id, Predicate<String> ownSuggestion) {
    Attributes markDelete = Attributes.builder().suggestedDelete(id).build();
    Attributes markInsert = Attributes.builder().suggestedInsert(id).suggestedDelete("").build();
    OperationBuilder suggestion = Operation.builder();
    // Canonical form puts an insert before the delete it replaces; a suggestion reads better the
    // other way round ("~~world~~there"), so inserts wait until a following delete is marked.
    List<Insert> waiting = new ArrayList<>();
    int position = 0;
    for (Component component : typing.components()) {
      switch (component) {
        case Retain retain -> {
          flush(waiting, suggestion, markInsert);
          suggestion.retain(retain.count());
          position += retain.count();
        }
        case Insert insert -> waiting.add(insert);
        case Delete delete -> {
          for (Run run : before.runs(position, delete.count())) {
            int length = run.text().codePointCount(0, run.text().length());
            String inserted = run.attributes().suggestedInsert();
            if (inserted != null && ownSuggestion.test(inserted)) {
              suggestion.delete(length);
            } else if (run.attributes().suggestedDelete() != null) {
              suggestion.retain(length);
            } else {
              suggestion.retain(length, markDelete);
            }
          }
          position += delete.count();
        }
      }
    }
    flush(waiting, suggestion, markInsert);
    return suggestion.build();
  }

  /**
   * Whether {@code operation}, made against {@code before}, only suggests (what a commenter may
   * do): every insert is marked as a suggested insertion, every retain that formats only marks or
   * unmarks suggested deletions, and every delete removes text marked as a suggested insertion.
   * Which ids the author may use is the caller's rule ({@code mayUse}).
   */
  public static boolean onlySuggests(
      Operation operation, Document before, Predicate<String> mayUse) {
    int position = 0;
    for (Component component : operation.components()) {
      switch (component) {
        case Retain retain -> {
          Attributes change = retain.attributes();
          if (!change.isEmpty()) {
            String deleting = change.suggestedDelete();
            boolean onlyDeletionMark =
                change.equals(Attributes.builder().suggestedDelete(deleting).build());
            if (deleting == null || !onlyDeletionMark) {
              return false;
            }
            if (!deleting.isEmpty() && !mayUse.test(deleting)) {
              return false;
            }
            // Marking or unmarking never takes over someone else's proposed deletion.
            for (Run run : before.runs(position, retain.count())) {
              String marked = run.attributes().suggestedDelete();
              if (marked != null && !mayUse.test(marked)) {
                return false;
              }
            }
          }
          position += retain.count();
        }
        case Insert insert -> {
          String inserting = insert.attributes().suggestedInsert();
          if (inserting == null || !mayUse.test(inserting)) {
            return false;
          }
        }
        case Delete delete -> {
          for (Run run : before.runs(position, delete.count())) {
            String inserted = run.attributes().suggestedInsert();
            if (inserted == null || !mayUse.test(inserted)) {
              return false;
            }
          }
          position += delete.count();
        }
      }
    }
    return true;
  }

  /** The suggestion ids {@code operation} writes into the text (marks it sets, not removals). */
  public static Set<String> idsUsedBy(Operation operation) {
    Set<String> ids = new java.util.LinkedHashSet<>();
    for (Component component : operation.components()) {
      Attributes attributes =
          switch (component) {
            case Retain retain -> retain.attributes();
            case Insert insert -> insert.attributes();
            case Delete delete -> Attributes.NONE;
          };
      addMark(ids, attributes.suggestedInsert());
      addMark(ids, attributes.suggestedDelete());
    }
    return ids;
  }

  private static void flush(List<Insert> waiting, OperationBuilder suggestion, Attributes mark) {
    for (Insert insert : waiting) {
      suggestion.insert(insert.text(), Attributes.compose(insert.attributes(), mark, false));
    }
    waiting.clear();
  }

  private static boolean named(Set<String> ids, String id) {
    return id != null && ids.contains(id); // Set.of(...).contains(null) throws
  }

  private static void addMark(Set<String> ids, String id) {
    if (id != null && !id.isEmpty()) {
      ids.add(id);
    }
  }

  /** Collects one suggestion's extent and texts while the runs are walked. */
  private static final class Builder {
    private final String id;
    private final StringBuilder inserted = new StringBuilder();
    private final StringBuilder deleted = new StringBuilder();
    private int start = -1;
    private int end;

    Builder(String id) {
      this.id = id;
    }

    void inserted(int position, int length, String text) {
      extend(position, length);
      inserted.append(text);
    }

    void deleted(int position, int length, String text) {
      extend(position, length);
      deleted.append(text);
    }

    private void extend(int position, int length) {
      if (start < 0) {
        start = position;
      }
      end = position + length;
    }

    SuggestedChange build() {
      return new SuggestedChange(id, start, end, inserted.toString(), deleted.toString());
    }
  }
}
