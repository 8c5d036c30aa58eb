package io.vertxcenter.common;

/**
 * The one thread an object that takes no locks may be used on: the thread that made it (the event
 * loop of the verticle that owns it). Its entry points say {@code assert owner.isCurrent();}: a call
 * from any other thread (a callback Vert.x or Hazelcast ran on its own thread, say) then fails in
 * the tests, which run with assertions on, and costs nothing in a node, which runs without.
 */
public final class OwnerThread {
  private final String what;
  private final Thread owner = Thread.currentThread();

  /** @param what the object guarded, as the error names it ({@code "forwarder"}) */
  public OwnerThread(String what) {
    this.what = what;
  }

  /**
   * True when called on the thread that made this.
   *
   * @throws IllegalStateException naming both threads, when called on another
   */
  public boolean isCurrent() {
    if (Thread.currentThread() != owner) {
      throw new IllegalStateException(what + " called on " + Thread.currentThread().getName() + ", made on " + owner.getName());
    }
    return true;
  }
}
