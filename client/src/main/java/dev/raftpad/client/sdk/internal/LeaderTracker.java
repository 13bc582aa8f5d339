package dev.raftpad.client.sdk.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * Where to send the next call: the leader when one is known, else the members in turn. Learns the
 * leader and the member list from NotLeader redirects, from cluster status, and from writes that
 * succeeded (only the leader commits); forgets a node that failed. Thread-safe.
 */
public final class LeaderTracker {
  private final boolean pinned;
  private List<String> members;
  private String leader;
  private int cursor;

  public LeaderTracker(List<String> seeds, boolean pinned) {
    if (seeds.isEmpty()) {
      throw new IllegalArgumentException("no seed address");
    }
    this.pinned = pinned;
    this.members = pinned ? List.of(seeds.get(0)) : List.copyOf(new LinkedHashSet<>(seeds));
  }

  /** The address to call next. */
  public synchronized String target() {
    if (leader != null) {
      return leader;
    }
    return members.get(Math.floorMod(cursor, members.size()));
  }

  /** The leader's address, if known. */
  public synchronized Optional<String> leader() {
    return Optional.ofNullable(leader);
  }

  public synchronized List<String> members() {
    return members;
  }

  public boolean pinned() {
    return pinned;
  }

  /** {@code from} answered NotLeader with this detail. */
  public synchronized void redirected(String from, ErrorMapper.Redirect redirect) {
    if (pinned) {
      return;
    }
    refreshMembers(redirect.memberAddresses());
    if (!redirect.leaderAddress().isEmpty() && !redirect.leaderAddress().equals(from)) {
      setLeader(redirect.leaderAddress());
    } else {
      // An election is running: try the others in turn until one knows the leader.
      leader = null;
      skip(from);
    }
  }

  /** {@code address} could not be reached or timed out. */
  public synchronized void failed(String address) {
    if (address.equals(leader)) {
      leader = null;
    }
    skip(address);
  }

  /** A write succeeded at {@code address}: it is the leader. */
  public synchronized void confirmedLeader(String address) {
    if (!pinned) {
      setLeader(address);
    }
  }

  /** Cluster status named a leader (address may be empty) and the members. */
  public synchronized void learned(Optional<String> leaderAddress, List<String> memberAddresses) {
    if (pinned) {
      return;
    }
    refreshMembers(memberAddresses);
    leaderAddress.ifPresent(this::setLeader);
  }

  private void setLeader(String address) {
    leader = address;
    if (!members.contains(address)) {
      List<String> more = new ArrayList<>(members);
      more.add(address);
      members = List.copyOf(more);
    }
  }

  private void refreshMembers(List<String> addresses) {
    List<String> known = addresses.stream().filter(a -> !a.isEmpty()).distinct().toList();
    if (!known.isEmpty()) {
      members = known;
    }
  }

  private void skip(String address) {
    int at = members.indexOf(address);
    cursor = at >= 0 ? at + 1 : cursor + 1;
  }
}
