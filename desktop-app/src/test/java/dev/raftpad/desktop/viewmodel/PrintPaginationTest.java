package dev.raftpad.desktop.viewmodel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.raftpad.desktop.viewmodel.PrintPagination.Block;
import dev.raftpad.desktop.viewmodel.PrintPagination.Page;
import dev.raftpad.desktop.viewmodel.PrintPagination.Slice;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Printed pages: every line once, in order, cut between lines, headings kept with their text. */
class PrintPaginationTest {
  /** Each block's slices, in page order, cover its height exactly once and in order. */
  private static void everyLineOnceInOrder(List<Block> blocks, List<Page> pages, double height) {
    List<Slice> all = pages.stream().flatMap(p -> p.slices().stream()).toList();
    int block = 0;
    double at = 0;
    for (Slice s : all) {
      if (s.block() != block) {
        assertThat(at)
            .as("block %d printed whole", block)
            .isCloseTo(blocks.get(block).height(), within(1e-6));
        assertThat(s.block()).isEqualTo(block + 1);
        block = s.block();
        at = 0;
      }
      assertThat(s.from()).isCloseTo(at, within(1e-6));
      at = s.to();
    }
    assertThat(block).isEqualTo(blocks.size() - 1);
    assertThat(at).isCloseTo(blocks.getLast().height(), within(1e-6));
    for (Page p : pages) {
      assertThat(p.slices().stream().mapToDouble(Slice::height).sum())
          .isLessThanOrEqualTo(height + 1e-6);
    }
  }

  @Test
  void aLongDocumentFillsSeveralPagesWithNoLineLostOrRepeated() {
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      blocks.add(new Block(20 * (1 + i % 4), 20, false));
    }
    List<Page> pages = PrintPagination.paginate(blocks, 500);
    // 5000 px of text on 500 px pages.
    assertThat(pages).hasSizeGreaterThanOrEqualTo(10).hasSizeLessThanOrEqualTo(11);
    everyLineOnceInOrder(blocks, pages, 500);
    // Cut between lines only: every slice is whole lines.
    pages.stream()
        .flatMap(p -> p.slices().stream())
        .forEach(s -> assertThat(s.height() % 20).isCloseTo(0, within(1e-6)));
  }

  @Test
  void aParagraphLongerThanAPageGoesOnOverSeveralPages() {
    List<Block> blocks = List.of(new Block(30, 30, false), new Block(15 * 100, 15, false));
    List<Page> pages = PrintPagination.paginate(blocks, 400);
    everyLineOnceInOrder(blocks, pages, 400);
    assertThat(pages.get(0).slices()).hasSize(2);
    assertThat(pages.get(0).slices().get(1).height()).isEqualTo(360); // 24 lines of 15 px
    assertThat(pages).hasSize(4); // 360 + 390 + 390 + 360
  }

  @Test
  void aHeadingIsNotLeftAloneAtTheBottomOfAPage() {
    List<Block> blocks =
        List.of(new Block(460, 20, false), new Block(30, 30, true), new Block(60, 20, false));
    List<Page> pages = PrintPagination.paginate(blocks, 500);
    everyLineOnceInOrder(blocks, pages, 500);
    assertThat(pages).hasSize(2);
    assertThat(pages.get(1).slices().get(0).block()).isEqualTo(1);
  }

  @Test
  void anEmptyDocumentIsOnePage() {
    assertThat(PrintPagination.paginate(List.of(), 500)).hasSize(1);
    List<Block> one = List.of(new Block(0, 0, false));
    assertThat(PrintPagination.paginate(one, 500)).hasSize(1);
  }
}
