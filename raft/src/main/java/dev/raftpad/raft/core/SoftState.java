package dev.raftpad.raft.core;

/** Volatile state worth reporting: the role of this node and the leader it knows. */
public record SoftState(RoleName role, String leaderId) {}
