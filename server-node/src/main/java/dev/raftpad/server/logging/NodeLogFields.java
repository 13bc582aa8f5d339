package dev.raftpad.server.logging;

import dev.raftpad.raft.core.Status;
import dev.raftpad.raft.runtime.RaftServer;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import org.slf4j.MDC;

/**
 * The logging MDC fields a server node adds to its lines (besides rpc-guard's request id): which
 * node wrote them and, on the Raft loop, in which term. MDC entries belong to a thread, and one JVM
 * may run several nodes (the in-process cluster), so each thread a node owns is given its own.
 */
public final class NodeLogFields {
  public static final String NODE_ID = "nodeId";
  public static final String TERM = "term";

  private NodeLogFields() {}

  /** {@code threads} whose every thread logs with {@code nodeId}. */
  public static ThreadFactory tagged(ThreadFactory threads, String nodeId) {
    return work ->
        threads.newThread(
            () -> {
              MDC.put(NODE_ID, nodeId);
              work.run();
            });
  }

  /**
   * For {@link RaftServer#onRoleChange}, which runs on the Raft loop after every change of term,
   * role or leader: the loop's lines carry the node id and the current term.
   */
  public static Consumer<Status> onTheRaftLoop() {
    return status -> {
      MDC.put(NODE_ID, status.id());
      MDC.put(TERM, Long.toString(status.term()));
    };
  }
}
