package dev.raftpad.document.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;

/**
 * Groups revisions into versions the way Google Docs lists them: consecutive revisions by one
 * author, each within {@code gap} of the one before, form one version. A named revision always ends
 * its version, so every name shows.
 */
final class VersionGrouping {
  private VersionGrouping() {}

  static List<Version> group(
      RevisionStore store, long from, long to, Duration gap, NavigableMap<Long, String> names) {
    List<Version> versions = new ArrayList<>();
    long start = from;
    for (long revision = from; revision <= to; revision++) {
      boolean last = revision == to;
      boolean endsHere =
          last
              || names.containsKey(revision)
              || !store.sameAuthor(revision, revision + 1)
              || Duration.between(store.time(revision), store.time(revision + 1)).compareTo(gap)
                  > 0;
      if (endsHere) {
        Instant startTime = store.time(start);
        versions.add(
            new Version(
                start,
                revision,
                store.author(revision),
                startTime,
                store.time(revision),
                Optional.ofNullable(names.get(revision))));
        start = revision + 1;
      }
    }
    return versions;
  }
}
