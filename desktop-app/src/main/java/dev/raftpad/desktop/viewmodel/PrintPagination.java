package dev.raftpad.desktop.viewmodel;

import java.util.ArrayList;
import java.util.List;

/**
 * Which piece of which paragraph goes on which printed page. Paragraphs are laid out first (their
 * heights at the page's width); a paragraph that does not fit the rest of a page is cut between two
 * of its lines and goes on on the next, and a heading is never left alone at the bottom of a page.
 * Pure, so it is tested without a printer.
 */
public final class PrintPagination {
  private PrintPagination() {}

  /**
   * A laid-out paragraph: its height, the height of one of its lines (where it may be cut), and
   * whether it stays with the paragraph after it (a heading).
   */
  public record Block(double height, double lineHeight, boolean keepWithNext) {
    public Block {
      if (height < 0 || lineHeight < 0) {
        throw new IllegalArgumentException("negative height " + height + " / " + lineHeight);
      }
    }
  }

  /** The part {@code [from, to)} of block {@code block}'s height. */
  public record Slice(int block, double from, double to) {
    public double height() {
      return to - from;
    }
  }

  /** The slices on one page, top to bottom. */
  public record Page(List<Slice> slices) {
    public Page {
      slices = List.copyOf(slices);
    }
  }

  /** Tolerance for the sums of heights (floating point). */
  private static final double EPSILON = 1e-6;

  /** The pages of {@code blocks} for pages {@code pageHeight} high (at least one page). */
  public static List<Page> paginate(List<Block> blocks, double pageHeight) {
    if (pageHeight <= 0) {
      throw new IllegalArgumentException("page height " + pageHeight);
    }
    List<Page> pages = new ArrayList<>();
    List<Slice> page = new ArrayList<>();
    double used = 0;
    for (int i = 0; i < blocks.size(); i++) {
      Block b = blocks.get(i);
      if (b.keepWithNext() && used > 0 && i + 1 < blocks.size()) {
        Block next = blocks.get(i + 1);
        double firstLineOfNext = Math.min(next.height(), lineOf(next));
        if (used + b.height() + firstLineOfNext > pageHeight + EPSILON) {
          pages.add(new Page(page)); // the heading starts the next page with its text
          page = new ArrayList<>();
          used = 0;
        }
      }
      double from = 0;
      while (from < b.height() - EPSILON || (b.height() == 0 && from == 0)) {
        double room = pageHeight - used;
        double rest = b.height() - from;
        if (rest <= room + EPSILON) {
          page.add(new Slice(i, from, b.height()));
          used += rest;
          break;
        }
        double line = lineOf(b);
        double fits = Math.floor((room + EPSILON) / line) * line;
        if (fits <= 0 && used == 0) {
          fits = room; // a line taller than a page: cut it, nothing else fits either
        }
        if (fits > 0) {
          page.add(new Slice(i, from, from + fits));
          from += fits;
        }
        pages.add(new Page(page));
        page = new ArrayList<>();
        used = 0;
      }
    }
    if (!page.isEmpty() || pages.isEmpty()) {
      pages.add(new Page(page));
    }
    return pages;
  }

  private static double lineOf(Block b) {
    return b.lineHeight() > 0
        ? Math.min(b.lineHeight(), Math.max(b.height(), EPSILON))
        : Math.max(b.height(), EPSILON);
  }
}
