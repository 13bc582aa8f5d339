package dev.raftpad.raft.core;

/**
 * Where a forwarded proposal ({@link RaftNode#forward}) ended up, by the request id its runtime
 * chose: appended by the leader at an index and term ({@link Proposal.Accepted}, committed only if
 * the entry applied at that index has that term), or refused ({@link Proposal.Rejected}).
 *
 * @param refusalCertain for a refusal, whether the command is certainly not in any log. A refusal
 *     from a node that is not (or no longer) the leader of the request's term is not certain: the
 *     request may be a duplicate of one it appended while it led, whose own answer is late or lost.
 */
public record ProposalOutcome(long requestId, Proposal proposal, boolean refusalCertain) {}
