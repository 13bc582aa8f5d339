package dev.raftpad.server.state;

/**
 * The version of the disk format: the commands in the Raft log and the state snapshot ({@code
 * commands.proto}). The rule (ADR 0008): a version this node does not know is refused with a
 * message naming it and the range this node reads — never guessed at, because a replica that
 * misreads a command silently diverges from the others.
 */
public final class FormatVersion {
  /**
   * Version 2: a created document's initial text is its revision 1, written by the owner (version 1
   * made it revision 0, which hid its author from history and made "restore revision 0" keep it).
   */
  public static final int INITIAL_TEXT_IS_REVISION_1 = 2;

  /**
   * Version 2 too: an operation that retains past the end of the document is refused (version 1
   * dropped the trailing retain and committed an empty revision).
   */
  public static final int OPERATIONS_COVER_THE_DOCUMENT_EXACTLY = 2;

  /**
   * Version 3: an operation that puts a block attribute (heading, list, quote, code block) on a
   * character other than a line end is refused (versions 1 and 2 stored it).
   */
  public static final int BLOCK_ATTRIBUTES_ON_LINE_ENDS_ONLY = 3;

  /**
   * Version 3 too: a lock command may be a renewal only ({@code renew_only}), refused with
   * NOT_LOCK_HOLDER unless the caller holds the lock (before, RenewLock was Lock: it took a free
   * lock, and named the holder of another's).
   */
  public static final int RENEW_ONLY_LOCKS = 3;

  /**
   * Version 4: documents have an owner, people they are shared with and a link role ({@code
   * ChangeAccessCommand}); a document created before is open to every signed-in user as an editor
   * (ADR 0011), and one created from version 4 only to its owner.
   */
  public static final int ACCESS_CONTROL = 4;

  /**
   * Version 5: comments and suggestions (ADR 0012): operations may carry suggestion marks, a
   * commenter may submit operations that only suggest, and comment and suggestion-resolution
   * commands exist. A commenter's edit in an older command replays as refused, as it was.
   */
  public static final int REVIEW = 5;

  /**
   * Version 6: documents have an image store ({@code AddImageCommand}, {@code
   * DocumentRecord.images}) and operations may carry the image attribute (issue 22). A version-5
   * node would skip the command and drop the attribute, and so diverge: it must stop instead.
   */
  public static final int IMAGES = 6;

  /** The newest version this node reads and writes. */
  public static final int CURRENT = 6;

  /**
   * What a command or snapshot without images is written in: a version-5 node reads it exactly as
   * this one does, so during a rolling upgrade the members not yet upgraded go on applying
   * everything but images — which are refused while such a member runs (ADR 0017).
   */
  static final int WITHOUT_IMAGES = REVIEW;

  /** The oldest version this node still reads. */
  public static final int OLDEST_READABLE = 1;

  private FormatVersion() {}

  /**
   * The version {@code command} is written in: the oldest that reads it exactly, so a command
   * without images stays readable by the previous release ({@link #WITHOUT_IMAGES}).
   */
  static int writtenFor(dev.raftpad.proto.v1.Command command) {
    boolean images =
        switch (command.getKindCase()) {
          case ADD_IMAGE -> true;
          case SUBMIT_OPERATION -> mentionsImages(command.getSubmitOperation().getOperation());
          case CREATE_DOCUMENT -> mentionsImages(command.getCreateDocument().getInitialContent());
          default -> false;
        };
    return images ? IMAGES : WITHOUT_IMAGES;
  }

  private static boolean mentionsImages(dev.raftpad.proto.v1.Operation operation) {
    for (var component : operation.getComponentsList()) {
      if (component.getInsert().getAttributes().hasImage()
          || component.getRetain().getAttributes().hasImage()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The version a {@code format_version} field means: 0 (absent) is 1, what nodes wrote before the
   * field existed.
   */
  static int of(int field) {
    return field == 0 ? 1 : field;
  }

  /** Throws {@link UnsupportedFormatException} unless this node reads {@code field}'s version. */
  static void requireReadable(int field, String what) {
    int version = of(field);
    if (version < OLDEST_READABLE || version > CURRENT) {
      throw new UnsupportedFormatException(
          what
              + " is in format version "
              + Integer.toUnsignedString(version)
              + "; this node reads format versions "
              + OLDEST_READABLE
              + " to "
              + CURRENT
              + ". Upgrade this node (or restore data written by a version it reads).");
    }
  }
}
