package dev.raftpad.client.sdk.model;

import java.time.Instant;
import java.util.Optional;

/**
 * One change of a document's access, as its history shows it.
 *
 * @param subject whose access changed (the new owner for a transfer); empty for link access
 * @param role the role given (SHARED), the new link role (LINK_ACCESS); NONE otherwise
 */
public record AccessChange(
    Instant time, User actor, Kind kind, Optional<User> subject, DocumentRole role) {
  public enum Kind {
    /** Shared with a user, or their role changed. */
    SHARED,
    /** A user's access removed. */
    UNSHARED,
    /** The link role set (NONE: turned off). */
    LINK_ACCESS,
    /** Ownership transferred to the subject; the previous owner became an editor. */
    OWNERSHIP_TRANSFERRED
  }
}
