/**
 * Durable storage of a Raft node in plain files: {@link dev.raftpad.raft.storage.FileStorage}.
 *
 * <h2>On disk</h2>
 *
 * <pre>
 * dataDir/
 *   LOCK                                  OS lock while a storage is open
 *   hardstate                             RecordFrame{format, term, commit, hasVote, vote}
 *   wal/&lt;first index, 20 digits&gt;.seg      RecordFrame{format, index, term, type, data}*
 *   snapshot/&lt;index, 20 digits&gt;.snap      RecordFrame{format, index, term, voters, learners,
 *                                                     dataLength, dataCrc32c} data
 * </pre>
 *
 * Every record is {@code [length][crc32c of length and payload][payload]} ({@link
 * dev.raftpad.raft.storage.RecordFrame}); every payload starts with a format byte, so a future
 * layout can be told from this one.
 *
 * <h2>Crash rules</h2>
 *
 * <ul>
 *   <li>Only the last segment can end in a torn write: a full segment is forced, and its name made
 *       durable, before the next one is created. Recovery cuts a torn tail of the last segment
 *       (durably) and refuses anything else: a bad record anywhere with an intact record somewhere
 *       after it, a torn or zero-filled segment that is not last, a gap or overlap between
 *       segments, an impossible length, and a log that would end below the durable hard state's
 *       commit index (sync forces the log before it writes the hard state, so those entries were
 *       synced: a "torn tail" there is damage).
 *   <li>Whole files that are replaced (hard state, snapshot) are written to a {@code .tmp} sibling,
 *       fsynced, renamed into place and the directory fsynced; leftover {@code .tmp} files are
 *       deleted at recovery.
 *   <li>Multi-step changes (suffix truncation, compaction, discarding the log for a snapshot) make
 *       each step durable before the next, in an order where every intermediate state is a valid
 *       log; recovery completes an interrupted snapshot discard by applying the same rule.
 *   <li>After any failed write or fsync the storage refuses every further call: the node must
 *       restart and recover, never retry an fsync whose pages the kernel may have dropped.
 * </ul>
 */
package dev.raftpad.raft.storage;
