package dev.raftpad.client.sdk.model;

/** A person a document is shared with, and their role (viewer, commenter or editor). */
public record AccessEntry(User user, DocumentRole role) {}
