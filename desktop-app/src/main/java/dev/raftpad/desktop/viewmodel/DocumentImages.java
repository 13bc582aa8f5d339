package dev.raftpad.desktop.viewmodel;

import dev.raftpad.client.sdk.RaftpadClient;
import dev.raftpad.client.sdk.RaftpadException;
import dev.raftpad.client.sdk.model.StoredImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One document's images for the editor and the exporters: loaded by id through the SDK in the
 * background, answered on the UI executor, kept in a small cache (the least recently used go first
 * past {@link #CACHE_BYTES}), and a failure remembered so a missing image is not asked for again at
 * every repaint. Several asks for one image while it loads make one call. UI executor only, except
 * {@link #fetch}, which blocks and is for background work.
 */
public final class DocumentImages implements ImageSource {
  /** How many bytes of images the cache keeps (a few pages of photos). */
  static final long CACHE_BYTES = 48L << 20;

  private final RaftpadClient client;
  private final String documentId;
  private final Threads threads;
  private final LinkedHashMap<String, ImageData> cache = new LinkedHashMap<>(16, 0.75f, true);
  private final Map<String, String> failures = new HashMap<>();
  private final Map<String, List<Waiter>> loading = new HashMap<>();
  private long cachedBytes;

  private record Waiter(Consumer<ImageData> then, Consumer<String> failed) {}

  public DocumentImages(RaftpadClient client, String documentId, Threads threads) {
    this.client = client;
    this.documentId = documentId;
    this.threads = threads;
  }

  @Override
  public void load(String imageId, Consumer<ImageData> then, Consumer<String> failed) {
    ImageData cached = cache.get(imageId);
    if (cached != null) {
      then.accept(cached);
      return;
    }
    String failure = failures.get(imageId);
    if (failure != null) {
      failed.accept(failure);
      return;
    }
    List<Waiter> waiters = loading.get(imageId);
    if (waiters != null) {
      waiters.add(new Waiter(then, failed));
      return;
    }
    waiters = new ArrayList<>(List.of(new Waiter(then, failed)));
    loading.put(imageId, waiters);
    threads.call(
        () -> fetch(imageId),
        data -> {
          remember(imageId, data);
          loading.remove(imageId).forEach(w -> w.then().accept(data));
        },
        e -> {
          String message = Problems.describe(e);
          if (!e.reason().isTransient()) {
            failures.put(imageId, message); // missing for good; a transient failure is asked again
          }
          loading.remove(imageId).forEach(w -> w.failed().accept(message));
        });
  }

  /**
   * The image's bytes, from the cluster, blocking: for background work (export). Does not touch the
   * cache, which belongs to the UI executor.
   *
   * @throws RaftpadException IMAGE_NOT_FOUND, or why the cluster could not answer
   */
  public ImageData fetch(String imageId) {
    StoredImage image = client.images().get(documentId, imageId);
    return new ImageData(image.mediaType(), image.bytes());
  }

  /** Keeps an image this client has (one it just added), so showing it needs no round trip. */
  void remember(String imageId, ImageData data) {
    failures.remove(imageId);
    ImageData before = cache.put(imageId, data);
    cachedBytes += data.bytes().length - (before == null ? 0 : before.bytes().length);
    var eldest = cache.entrySet().iterator();
    while (cachedBytes > CACHE_BYTES && cache.size() > 1 && eldest.hasNext()) {
      cachedBytes -= eldest.next().getValue().bytes().length;
      eldest.remove();
    }
  }
}
