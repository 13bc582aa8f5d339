package dev.raftpad.desktop.export;

import dev.raftpad.document.op.Attributes;
import dev.raftpad.document.op.FormatValues;
import dev.raftpad.document.op.Heading;
import dev.raftpad.document.op.ImageBytes;
import dev.raftpad.document.op.Images;
import dev.raftpad.document.op.ListKind;
import dev.raftpad.document.op.Operation;
import dev.raftpad.document.op.OperationBuilder;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/**
 * Reads HTML from another application's clipboard (a browser, Word, Google Docs) as content to
 * paste: bold, italic, underline, strikethrough, code, links (http(s) and mailto only), headings
 * (h1–h3; h4–h6 as h3), bulleted and numbered lists with their nesting, quotes, code blocks, line
 * breaks, paragraphs, and images given inline as PNG, JPEG or GIF {@code data:} URIs (what
 * Raftpad's own copy and many editors put there). Images named by a URL are dropped: paste never
 * reaches the network. Scripts, styles and the like are dropped with what they hold; other tags are
 * dropped and their text kept. The walk is iterative (jsoup's {@link NodeFilter}), so deep nesting
 * cannot overflow the stack.
 */
public final class HtmlImporter {
  private HtmlImporter() {}

  /** Dropped together with everything inside. */
  private static final Set<String> DROPPED =
      Set.of(
          "head",
          "script",
          "style",
          "template",
          "noscript",
          "iframe",
          "object",
          "embed",
          "svg",
          "math",
          "video",
          "audio",
          "canvas",
          "input",
          "select",
          "textarea",
          "button",
          "meta",
          "link",
          "title");

  /** Elements that stand on lines of their own. */
  private static final Set<String> BLOCKS =
      Set.of(
          "p",
          "div",
          "h1",
          "h2",
          "h3",
          "h4",
          "h5",
          "h6",
          "li",
          "ul",
          "ol",
          "blockquote",
          "pre",
          "section",
          "article",
          "header",
          "footer",
          "aside",
          "nav",
          "main",
          "table",
          "tr",
          "dl",
          "dt",
          "dd",
          "figure",
          "figcaption",
          "hr",
          "address",
          "details",
          "summary");

  private static final Pattern LINK = Pattern.compile("(?i)(https?://|mailto:)\\S+");
  private static final Pattern SPACES = Pattern.compile("[ \\t\\n\\r\\f\\u00a0]+");

  /** An image inline in the HTML: {@code data:image/png;base64,...} (or jpeg, jpg, gif). */
  private static final Pattern DATA_IMAGE =
      Pattern.compile("(?is)data:image/(?:png|jpeg|jpg|gif);base64,(.*)");

  /**
   * The content of {@code html} as an operation of inserts (identity when there is no text). Each
   * image given as a data URI becomes an image character whose bytes are put into {@code pictures}
   * by id, to add to the document's store before the content that names them is pasted (as {@link
   * DocxImporter} does for a .docx's pictures).
   */
  public static Operation read(String html, Map<String, DocumentPictures.Picture> pictures) {
    Builder builder = new Builder(pictures);
    Element body = Jsoup.parseBodyFragment(html).body();
    body.filter(builder);
    return builder.finish();
  }

  /**
   * The picture a data URI carries, when it is a PNG, JPEG or GIF by its bytes (the declared type
   * alone is no proof); null for anything else. An {@code http(s):} source is not fetched: paste
   * must not reach the network (a fetch would tell any site whose page was copied that it was
   * pasted, and could hang or pull in anything), so such an image is dropped.
   */
  static DocumentPictures.Picture picture(String src) {
    var data = DATA_IMAGE.matcher(src.strip());
    if (!data.matches()) {
      return null;
    }
    byte[] bytes;
    try {
      bytes = Base64.getMimeDecoder().decode(data.group(1));
    } catch (IllegalArgumentException e) {
      return null; // not base64: nothing to show
    }
    return ImageBytes.mediaTypeOf(bytes)
        .map(type -> new DocumentPictures.Picture(type, bytes))
        .orElse(null);
  }

  /** One element's contribution to the formatting of what is inside it. */
  private record Frame(Attributes inline, Attributes block, int listDepth, boolean pre) {}

  private static final class Builder implements NodeFilter {
    private final Map<String, DocumentPictures.Picture> pictures;
    private final OperationBuilder out = Operation.builder();
    private final Deque<Frame> frames = new ArrayDeque<>();
    private final Deque<ListKind> lists = new ArrayDeque<>();
    private boolean lineHasText;
    private boolean lastWasSpace = true;
    private boolean any;

    /** The line end not yet written (null: none); see {@link #lineBreak}. */
    private Attributes pendingBreak;

    Builder(Map<String, DocumentPictures.Picture> pictures) {
      this.pictures = pictures;
      frames.push(new Frame(Attributes.NONE, Attributes.NONE, 0, false));
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        text(t.getWholeText());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        return FilterResult.SKIP_ENTIRELY; // comments, doctype
      }
      String tag = e.normalName();
      if (DROPPED.contains(tag)) {
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("br")) {
        lineBreak(true);
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("img")) {
        image(e.attr("src"));
        return FilterResult.SKIP_ENTIRELY;
      }
      if (BLOCKS.contains(tag)) {
        lineBreak(false);
      }
      Frame parent = frames.peek();
      int listDepth = parent.listDepth();
      if (tag.equals("ul") || tag.equals("ol")) {
        lists.push(tag.equals("ol") ? ListKind.NUMBERED : ListKind.BULLET);
        listDepth++;
      }
      frames.push(
          new Frame(
              Attributes.compose(parent.inline(), inline(e, tag), false),
              Attributes.compose(parent.block(), block(tag, listDepth), false),
              listDepth,
              parent.pre() || tag.equals("pre")));
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (!(node instanceof Element e)) {
        return FilterResult.CONTINUE;
      }
      String tag = e.normalName();
      if (BLOCKS.contains(tag)) {
        lineBreak(false);
      }
      frames.pop();
      if ((tag.equals("ul") || tag.equals("ol")) && !lists.isEmpty()) {
        lists.pop();
      }
      return FilterResult.CONTINUE;
    }

    private Attributes inline(Element e, String tag) {
      Attributes.Builder a = Attributes.builder();
      String style = e.attr("style").toLowerCase(Locale.ROOT).replace(" ", "");
      switch (tag) {
        // Google Docs wraps a whole copy in <b style="font-weight:normal">.
        case "b", "strong" ->
            a.bold(!style.contains("font-weight:normal") && !style.contains("font-weight:400"));
        case "i", "em", "cite", "var" -> a.italic(true);
        case "u", "ins" -> a.underline(true);
        case "s", "strike", "del" -> a.strikethrough(true);
        case "code", "kbd", "samp", "tt" -> {
          if (!frames.peek().pre()) {
            a.code(true);
          }
        }
        case "a" -> {
          String href = e.attr("href").strip();
          // The model takes http(s) and mailto links only; anything else stays plain text.
          if (LINK.matcher(href).matches()) {
            a.link(href);
          }
        }
        default -> {}
      }
      if (style.contains("font-weight:bold") || style.contains("font-weight:700")) {
        a.bold(true);
      }
      if (style.contains("font-style:italic")) {
        a.italic(true);
      }
      if (style.contains("text-decoration:underline")
          || style.contains("text-decoration-line:underline")) {
        a.underline(true);
      }
      if (style.contains("line-through")) {
        a.strikethrough(true);
      }
      return a.build();
    }

    private Attributes block(String tag, int listDepth) {
      Attributes.Builder a = Attributes.builder();
      switch (tag) {
        case "h1" -> a.heading(Heading.H1);
        case "h2" -> a.heading(Heading.H2);
        case "h3", "h4", "h5", "h6" -> a.heading(Heading.H3);
        case "blockquote" -> a.quote(true);
        case "pre" -> a.codeBlock(true);
        case "li" -> {
          a.list(lists.isEmpty() ? ListKind.BULLET : lists.peek());
          if (listDepth > 1) {
            a.indent(Math.min(FormatValues.MAX_INDENT, listDepth - 1));
          }
        }
        default -> {}
      }
      return a.build();
    }

    private void text(String raw) {
      Frame f = frames.peek();
      if (f.pre()) {
        String[] lines = clean(raw).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
          if (i > 0) {
            lineBreak(true);
          }
          insert(lines[i], f.inline());
        }
        return;
      }
      String text = SPACES.matcher(clean(raw)).replaceAll(" ");
      if (lastWasSpace && text.startsWith(" ")) {
        text = text.substring(1);
      }
      insert(text, f.inline());
    }

    /** An image character for a data URI's picture; any other image is dropped. */
    private void image(String src) {
      DocumentPictures.Picture picture = picture(src);
      if (picture == null) {
        return;
      }
      String id = ImageBytes.idOf(picture.bytes());
      pictures.put(id, picture);
      // The image attribute only: bold or a link around it means nothing to a picture.
      insert(Images.CHARACTER, Attributes.builder().image(id).build());
      lastWasSpace = false;
    }

    private void insert(String text, Attributes inline) {
      if (text.isEmpty()) {
        return;
      }
      flushBreak();
      out.insert(text, inline);
      any = true;
      lineHasText = true;
      lastWasSpace = text.endsWith(" ");
    }

    /** Ends the line: always for a {@code <br>}, only after text at a block's edge. */
    private void lineBreak(boolean forced) {
      if (lineHasText || forced) {
        flushBreak();
        // Held back: a plain paragraph's last line end is not pasted (its text joins the line).
        pendingBreak = blockOnly(frames.peek().block());
        lineHasText = false;
        lastWasSpace = true;
      }
    }

    private void flushBreak() {
      if (pendingBreak != null) {
        out.insert("\n", pendingBreak);
        any = true;
        pendingBreak = null;
      }
    }

    private static Attributes blockOnly(Attributes block) {
      // The inline attributes of the element are not the line end's.
      return Attributes.builder()
          .heading(block.heading() == null ? Heading.NONE : block.heading())
          .list(block.list() == null ? ListKind.NONE : block.list())
          .quote(Boolean.TRUE.equals(block.quote()))
          .codeBlock(Boolean.TRUE.equals(block.codeBlock()))
          .indent(block.indent() == null ? 0 : block.indent())
          .build()
          .withoutRemovals();
    }

    Operation finish() {
      if (pendingBreak != null && !pendingBreak.isEmpty()) {
        flushBreak(); // a heading's or list item's format lives on its line end
      }
      return any ? out.build() : Operation.IDENTITY;
    }

    /** Without what the model refuses (control characters, unpaired surrogates, U+FFFC). */
    private static String clean(String s) {
      return PlainTextImporter.clean(s).replace("\uFFFC", "");
    }
  }
}
