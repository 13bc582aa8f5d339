package dev.raftpad.server.state;

/**
 * Sizes of the replicated state at one moment, for monitoring: counts only, never an id.
 *
 * @param liveDocuments documents not in the trash
 * @param trashedDocuments documents in the trash (purged after 30 days)
 * @param liveLocks document locks whose lease has not expired
 */
public record StateCounts(long liveDocuments, long trashedDocuments, long liveLocks) {}
