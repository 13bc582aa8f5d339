package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.model.Comment;
import dev.raftpad.client.sdk.model.User;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How a comment reads on its card: who, when, and its text with @mentions picked out. */
public final class CommentText {
  private static final Pattern MENTION = Pattern.compile("@([A-Za-z0-9_.-]+)");
  private static final DateTimeFormatter TODAY = DateTimeFormatter.ofPattern("HH:mm");
  private static final DateTimeFormatter EARLIER =
      DateTimeFormatter.ofPattern("d MMM HH:mm", Locale.ENGLISH);

  /** How much of a comment an inactive card shows; the active card shows all of it. */
  public static final int SHORT = 280;

  /** The text of a deleted comment, which keeps its place in the thread. */
  public static final String DELETED = "Comment deleted";

  private CommentText() {}

  /** A piece of a comment's text; mentions are drawn apart. */
  public record Piece(String text, boolean mention) {}

  /** "Ada", or "Assistant" for the AI's comments (a summary posted as a comment). */
  public static String author(Comment c) {
    return c.byAssistant() ? "Assistant" : Users.name(c.author());
  }

  /** "14:05" today, "3 Dec 14:05" before, with " · edited" when it was changed. */
  public static String when(Comment c, ZoneId zone, Instant now) {
    LocalDate day = c.createdAt().atZone(zone).toLocalDate();
    var format = day.equals(now.atZone(zone).toLocalDate()) ? TODAY : EARLIER;
    return format.withZone(zone).format(c.createdAt())
        + (c.editedAt().isPresent() ? " · edited" : "");
  }

  /**
   * The text in pieces: "@name" of a user the comment mentions (the server resolved them) is a
   * mention piece; everything else plain.
   */
  public static List<Piece> pieces(Comment c) {
    return pieces(c, Integer.MAX_VALUE);
  }

  /** {@link #pieces(Comment)} cut after {@code limit} characters, ending with "…" when cut. */
  public static List<Piece> pieces(Comment c, int limit) {
    List<Piece> all = piecesOf(c);
    List<Piece> shown = new ArrayList<>();
    int left = limit;
    for (Piece p : all) {
      if (p.text().length() <= left) {
        shown.add(p);
        left -= p.text().length();
      } else {
        shown.add(new Piece(p.text().substring(0, Math.max(0, left)) + "…", p.mention()));
        break;
      }
    }
    return shown;
  }

  private static List<Piece> piecesOf(Comment c) {
    if (c.deleted()) {
      return List.of(new Piece(DELETED, false));
    }
    List<Piece> pieces = new ArrayList<>();
    Matcher m = MENTION.matcher(c.text());
    int at = 0;
    while (m.find()) {
      String name = m.group(1);
      boolean known = c.mentions().stream().map(User::username).anyMatch(name::equalsIgnoreCase);
      if (!known) {
        continue;
      }
      if (m.start() > at) {
        pieces.add(new Piece(c.text().substring(at, m.start()), false));
      }
      pieces.add(new Piece(m.group(), true));
      at = m.end();
    }
    if (at < c.text().length() || pieces.isEmpty()) {
      pieces.add(new Piece(c.text().substring(at), false));
    }
    return pieces;
  }
}
