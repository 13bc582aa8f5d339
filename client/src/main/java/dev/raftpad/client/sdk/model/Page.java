package dev.raftpad.client.sdk.model;

import java.util.List;
import java.util.Optional;

/**
 * One page of a listing.
 *
 * @param nextPageToken pass it to get the next page; empty on the last page
 */
public record Page<T>(List<T> items, Optional<String> nextPageToken) {
  public Page {
    items = List.copyOf(items);
  }
}
