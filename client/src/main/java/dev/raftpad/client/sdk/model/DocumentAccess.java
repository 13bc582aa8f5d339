package dev.raftpad.client.sdk.model;

import java.util.List;

/**
 * Who may do what with a document.
 *
 * @param owner empty only in the notice that the caller lost access (then nothing else is said)
 * @param people everyone it is shared with, by username; never the owner
 * @param linkRole what anyone signed in may do; {@link DocumentRole#NONE}: only the people listed
 * @param yourRole the caller's role (the recipient's, in an event)
 */
public record DocumentAccess(
    String documentId,
    java.util.Optional<User> owner,
    List<AccessEntry> people,
    DocumentRole linkRole,
    DocumentRole yourRole) {}
