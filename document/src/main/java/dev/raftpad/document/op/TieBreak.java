package dev.raftpad.document.op;

/**
 * Raftpad's tie-break for concurrent inserts at the same place: the text of the client whose id
 * sorts first goes first, whatever order the operations reached the server in. The server and every
 * client use this one rule, so they agree; and the outcome of two people typing at one spot does
 * not depend on network timing. (Ordering ties by arrival instead made one of the shared concurrent
 * traces end differently under 3 of 20 delivery schedules; see ADR 0004.)
 */
public final class TieBreak {
  private TieBreak() {}

  /**
   * The {@code thisFirst} argument of {@link Operation#transform} when an operation by {@code
   * firstClient} is transformed against a concurrent one by {@code secondClient}: whether the first
   * one's inserts go first. Equal ids (one client's own sequence) keep their order.
   */
  public static boolean firstGoesFirst(String firstClient, String secondClient) {
    return firstClient.compareTo(secondClient) <= 0;
  }
}
