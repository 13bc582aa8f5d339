package dev.raftpad.client.sdk.offline;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Writes one editing session's copy to an {@link OfflineStore}, off the caller's thread, and holds
 * each operation back until a copy that names it is on disk.
 *
 * <p>That order is what makes a restart safe: the server applies an operation at most once by its
 * (clientId, clientSeq), so a restarted session must send again exactly what it sent under a
 * number. Were an operation to leave before the copy naming it, a crash in between would restart
 * from a copy where that typing is still unsent, and the restarted session would send it — possibly
 * with more typing composed in — under a number the server already used: a duplicate to the server,
 * and the extra typing lost. Typing itself is saved without waiting (the newest state wins; writes
 * are coalesced), so a crash loses at most the last moment's keystrokes, never an acknowledged or
 * an in-flight edit.
 *
 * <p>Thread-safe; at most one write runs at a time, on {@code io}.
 */
public final class CopyWriter {
  private final OfflineStore store;
  private final Executor io;
  private final Consumer<IOException> onFailure;
  private final Object monitor = new Object();

  // Guarded by monitor.
  private SavedDocument latest;
  private long version;
  private long written;
  private boolean writing;
  private final ArrayDeque<Held> held = new ArrayDeque<>();

  private record Held(long version, Runnable send) {}

  /**
   * @param onFailure told when a copy could not be written (the disk is full, the directory gone);
   *     held operations are sent anyway — the edit must not wait for a disk that may never come
   *     back
   */
  public CopyWriter(OfflineStore store, Executor io, Consumer<IOException> onFailure) {
    this.store = store;
    this.io = io;
    this.onFailure = onFailure;
  }

  /** The session's state changed: write this copy soon (a newer one may replace it first). */
  public void changed(SavedDocument state) {
    submit(state, Optional.empty());
  }

  /**
   * Runs {@code send} once {@code state} (which names the operation {@code send} sends) or a newer
   * copy is on disk.
   */
  public void sendAfterWrite(SavedDocument state, Runnable send) {
    submit(state, Optional.of(send));
  }

  /** Blocks until the newest copy is on disk (on closing a session). */
  public void flush() throws InterruptedException {
    synchronized (monitor) {
      while (writing || written != version) {
        if (!writing) {
          writing = true;
          io.execute(this::drain);
        }
        monitor.wait();
      }
    }
  }

  private void submit(SavedDocument state, Optional<Runnable> send) {
    synchronized (monitor) {
      latest = state;
      version++;
      send.ifPresent(s -> held.add(new Held(version, s)));
      if (writing) {
        return;
      }
      writing = true;
    }
    io.execute(this::drain);
  }

  private void drain() {
    while (true) {
      SavedDocument copy;
      long copyVersion;
      synchronized (monitor) {
        if (written == version) {
          writing = false;
          monitor.notifyAll();
          return;
        }
        copy = latest;
        copyVersion = version;
      }
      try {
        store.save(copy);
      } catch (IOException e) {
        onFailure.accept(e);
      } catch (RuntimeException e) {
        onFailure.accept(new IOException(e));
      }
      List<Runnable> ready = new ArrayList<>();
      synchronized (monitor) {
        written = copyVersion;
        while (!held.isEmpty() && held.peek().version() <= copyVersion) {
          ready.add(held.poll().send());
        }
        monitor.notifyAll();
      }
      ready.forEach(Runnable::run);
    }
  }
}
