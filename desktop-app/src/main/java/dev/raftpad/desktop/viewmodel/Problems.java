package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadException;

/** Turns SDK failures into sentences for people. The one place the desktop words errors. */
public final class Problems {
  /** What downloads the default model on a local cluster ({@code ./raftpad up}). */
  public static final String FETCH_MODEL = "./raftpad model fetch";

  private Problems() {}

  public static String describe(RaftpadException e) {
    var meta = e.metadata();
    return switch (e.reason()) {
      case UNAVAILABLE, NO_QUORUM ->
          "Cannot reach the cluster: no server answered. Check the addresses and that the servers"
              + " are running.";
      case DEADLINE_EXCEEDED -> "The cluster did not answer in time. Try again.";
      case BAD_CREDENTIALS -> "Wrong username or password.";
      case LOGIN_THROTTLED ->
          e.retryAfter()
              .map(
                  wait ->
                      "Too many failed sign-ins. Try again in "
                          + Math.max(1, (wait.toMillis() + 999) / 1000)
                          + " s.")
              .orElse("Too many failed sign-ins. Try again later.");
      case UNAUTHENTICATED -> "Your session has ended. Sign in again.";
      case USERNAME_TAKEN -> "That username is taken.";
      case REGISTRATION_CLOSED -> "Registration is closed on this cluster.";
      case PERMISSION_DENIED -> "Only an administrator can do that.";
      case NOT_ALLOWED ->
          notAllowed(meta.getOrDefault("your_role", "NONE"), meta.get("required_role"));
      case USER_NOT_FOUND -> "There is no user named " + meta.getOrDefault("username", "so") + ".";
      case INVALID_FIELD ->
          SignInViewModel.CA_FIELD.equals(meta.get("field"))
              ? "CA certificate: " + e.description()
              : "Invalid " + meta.getOrDefault("field", "input") + ".";
      case DOCUMENT_NOT_FOUND -> "The document no longer exists.";
      case DOCUMENT_LOCKED ->
          "Locked by "
              + meta.getOrDefault("holder", "another user")
              + (meta.containsKey("expires_at") ? " until " + meta.get("expires_at") : "")
              + ".";
      case NOT_LOCK_HOLDER -> "You do not hold the lock.";
      case VERSION_NAME_TAKEN -> "Another version already has that name.";
      case TOO_LARGE -> tooLarge(e);
      case IMAGE_NOT_FOUND -> "The image is missing from this document.";
      case UPGRADE_IN_PROGRESS ->
          "The cluster is being upgraded and cannot store images yet; try again when it is done.";
      case RATE_LIMITED -> "Too many edits at once; slow down a little.";
      // The node's own how_to_install is Markdown for a terminal (backticks, a long curl
      // command); a person reading a panel gets sentences, and the command beside them.
      case MODEL_NOT_LOADED ->
          "The AI has no model yet. On a local cluster, run this command in the Raftpad folder,"
              + " then restart the cluster. On another cluster, ask its operator to install one.";
      case LLM_UNAVAILABLE ->
          "The AI is unavailable: no LLM node is configured or reachable from the cluster.";
      case QUEUE_FULL -> "The AI is busy; try again in a moment.";
      case UNKNOWN_NODE -> "No such node in the cluster.";
      case MEMBERSHIP_CHANGE_IN_PROGRESS -> "Another membership change is in progress.";
      case CANCELLED -> "Cancelled.";
      case COMMENT_NOT_FOUND -> "That comment is gone: someone deleted it meanwhile.";
      case SUGGESTION_NOT_FOUND ->
          "That suggestion is gone: someone accepted or rejected it meanwhile.";
      case NOT_COMMENT_AUTHOR -> "Only its author can change a comment.";
      default -> e.getMessage();
    };
  }

  private static String tooLarge(RaftpadException e) {
    var meta = e.metadata();
    return switch (meta.getOrDefault("field", "")) {
      case "image" ->
          "The image is too large: "
              + bytes(meta.get("actual"))
              + ", at most "
              + bytes(meta.get("limit"))
              + " per image.";
      case "document_images" ->
          "This document has no room for the image: its images would take "
              + bytes(meta.get("actual"))
              + ", at most "
              + bytes(meta.get("limit"))
              + " together.";
      default ->
          meta.containsKey("limit") && meta.containsKey("actual")
              ? "The "
                  + meta.getOrDefault("field", "document").replace('_', ' ')
                  + " is too long for the AI: "
                  + meta.get("actual")
                  + " "
                  + meta.getOrDefault("unit", "characters")
                  + ", at most "
                  + meta.get("limit")
                  + "."
                  + ("document_text".equals(meta.get("field"))
                      ? " Select a part of it and ask about that."
                      : "")
              : "The document is too large.";
    };
  }

  /** A byte count for people: "2.0 MB", "512 KB". */
  private static String bytes(String count) {
    double n = Double.parseDouble(count);
    return n >= 1 << 20
        ? String.format(java.util.Locale.ROOT, "%.1f MB", n / (1 << 20))
        : String.format(java.util.Locale.ROOT, "%.0f KB", Math.ceil(n / 1024));
  }

  private static String notAllowed(String yours, String required) {
    String needs =
        required == null
            ? ""
            : " That needs "
                + Roles.label(Roles.named(required)).toLowerCase(java.util.Locale.ROOT)
                + " access.";
    return "NONE".equals(yours)
        ? "This document is not shared with you (or no longer is)." + needs
        : "You are a "
            + Roles.label(Roles.named(yours)).toLowerCase(java.util.Locale.ROOT)
            + " of this document."
            + needs;
  }

  /** A command that fixes the failure, to show beside its description; empty if none does. */
  public static String command(RaftpadException e) {
    return switch (e.reason()) {
      case MODEL_NOT_LOADED -> FETCH_MODEL;
      default -> "";
    };
  }
}
