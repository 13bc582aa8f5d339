package dev.raftpad.server.state;

/**
 * What an edit or a restore did for its caller: the revision it became, or — for a client sequence
 * already applied (a retry) — the revision it became the first time.
 */
public record EditResult(long revision, boolean duplicate) {}
