package dev.raftpad.desktop.view;

import dev.raftpad.desktop.viewmodel.ImageSource;
import dev.raftpad.desktop.viewmodel.Threads;
import java.io.ByteArrayInputStream;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.StackPane;

/**
 * Draws the document's images in the editor's lines: each id is loaded once from the {@link
 * ImageSource} and decoded in the background, shown scaled down to the page column (aspect kept),
 * with a placeholder while it loads and a "broken image" placeholder, whose tooltip says why, when
 * it cannot be shown. RichTextFX makes a new node whenever a line scrolls into view: every node of
 * an id shows the same loaded image, and nodes that are gone are only weakly held.
 */
final class InlineImages {
  /** Style class of every drawn image's holder (tests and CSS find them by it). */
  static final String STYLE_CLASS = "inline-image";

  private sealed interface State permits Loading, Loaded, Failed {}

  private record Loading() implements State {}

  private record Loaded(Image image) implements State {}

  private record Failed(String message) implements State {}

  /** How wide a placeholder is when the page column has room. */
  private static final double PLACEHOLDER_WIDTH = 180;

  private final DoubleProperty column = new SimpleDoubleProperty(600);
  private final Map<String, State> states = new HashMap<>();
  private final Map<String, List<WeakReference<StackPane>>> drawn = new HashMap<>();
  private ImageSource source = ImageSource.NONE;

  /** Decoding runs in the background: a large photo takes longer than a frame. */
  private final Threads threads;

  /** Counts sources: an answer asked of an earlier source is ignored. */
  private long generation;

  InlineImages(Threads threads) {
    this.threads = threads;
  }

  /** The widest an image is drawn: the page column's width (bound by the editor). */
  DoubleProperty columnWidth() {
    return column;
  }

  /** Takes images from {@code source} from now on, and reloads the ones on screen from it. */
  void source(ImageSource source) {
    this.source = source;
    generation++;
    states.clear();
    for (String id : List.copyOf(drawn.keySet())) {
      if (live(id).isEmpty()) {
        drawn.remove(id);
      } else {
        state(id);
        live(id).forEach(holder -> draw(holder, states.get(id)));
      }
    }
  }

  /** A new node for an image segment of the area (RichTextFX's node factory). */
  Node node(InlineImage image) {
    StackPane holder = new StackPane();
    holder.getStyleClass().add(STYLE_CLASS);
    holder.getProperties().put(STYLE_CLASS, image.id());
    List<WeakReference<StackPane>> holders =
        drawn.computeIfAbsent(image.id(), k -> new ArrayList<>());
    holders.removeIf(ref -> ref.get() == null);
    holders.add(new WeakReference<>(holder));
    draw(holder, state(image.id()));
    return holder;
  }

  /** The image's state, asking the source for it the first time. */
  private State state(String id) {
    State known = states.get(id);
    if (known != null) {
      return known;
    }
    states.put(id, new Loading());
    long asked = generation;
    // The source may answer at once (NONE does), so the map is not being iterated here.
    source.load(
        id,
        data -> {
          if (asked == generation) {
            // Still "Loading image…" until decoded; the answer is dropped if the source changed.
            threads.compute(
                () -> decode(data),
                state -> {
                  if (asked == generation) {
                    settle(id, state);
                  }
                },
                failure -> {
                  if (asked == generation) {
                    settle(id, new Failed(failure.getMessage()));
                  }
                });
          }
        },
        message -> {
          if (asked == generation) {
            settle(id, new Failed(message));
          }
        });
    return states.get(id);
  }

  /** Decodes an image's bytes; any thread (an {@link Image} may be made off the FX thread). */
  private static State decode(ImageSource.ImageData data) {
    Image image = new Image(new ByteArrayInputStream(data.bytes()));
    return image.isError()
        ? new Failed("the " + data.mediaType() + " image could not be read")
        : new Loaded(image);
  }

  private void settle(String id, State state) {
    states.put(id, state);
    live(id).forEach(holder -> draw(holder, state));
  }

  private List<StackPane> live(String id) {
    List<StackPane> out = new ArrayList<>();
    for (var ref : drawn.getOrDefault(id, List.of())) {
      StackPane holder = ref.get();
      if (holder != null) {
        out.add(holder);
      }
    }
    return out;
  }

  private void draw(StackPane holder, State state) {
    Node content =
        switch (state) {
          case Loaded loaded -> {
            ImageView view = new ImageView(loaded.image());
            view.setPreserveRatio(true);
            view.setSmooth(true);
            // Never wider than the page column, never enlarged.
            view.fitWidthProperty().bind(Bindings.min(loaded.image().getWidth(), column));
            yield view;
          }
          case Loading loading -> placeholder("Loading image…", "inline-image-loading");
          case Failed failed -> {
            Label broken = placeholder("Broken image", "inline-image-broken");
            broken.setTooltip(new Tooltip("The image cannot be shown: " + failed.message()));
            yield broken;
          }
        };
    holder.getChildren().setAll(content);
  }

  /** A placeholder box in place of the image, never wider than the page column. */
  private Label placeholder(String text, String styleClass) {
    Label label = new Label(text);
    label.getStyleClass().add(styleClass);
    label.setAlignment(Pos.CENTER);
    label.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
    label.setWrapText(true);
    label.setMinSize(24, 100);
    label.setPrefHeight(100);
    label.prefWidthProperty().bind(Bindings.min(PLACEHOLDER_WIDTH, column));
    label.maxWidthProperty().bind(label.prefWidthProperty());
    label.setStyle(
        "-fx-border-color: #9ca3af; -fx-border-style: dashed; -fx-border-width: 1;"
            + " -fx-background-color: rgba(128,128,128,0.12); -fx-text-fill: #6b7280;"
            + " -fx-font-size: 11px;");
    return label;
  }
}
