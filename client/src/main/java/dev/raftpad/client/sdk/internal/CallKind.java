package dev.raftpad.client.sdk.internal;

/** What a call does, which decides when it may be retried (docs/api.md, "idempotent"). */
public enum CallKind {
  /** A read: retried after any transient failure. */
  READ,
  /** A write the server deduplicates or that has one effect however often it runs. */
  IDEMPOTENT_WRITE,
  /**
   * A write that could take effect twice (Register, Login, CreateDocument): retried only when the
   * server certainly did not run it (NotLeader, rate limit, connection refused).
   */
  WRITE_ONCE;

  boolean isWrite() {
    return this != READ;
  }
}
