package dev.raftpad.server.api;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * The sign-in throttle of one node: failed logins counted per account name and per client address,
 * each under its own {@link ThrottlePolicy}. {@link #admit} is asked before any password is
 * checked, so a throttled attempt costs neither a bcrypt round nor a read; an admitted one reports
 * its verdict through its {@link Attempt}.
 *
 * <p>A successful login clears its account's failures but not its address's: otherwise an attacker
 * could clear their address by signing in to an account of their own between guesses. Unknown
 * account names are counted like real ones, so the throttle tells nobody which names exist.
 *
 * <p>An address the account signed in from lately ({@link KnownAddresses}) has its own account
 * counter, apart from the shared one: strangers who keep the account waiting do not hold up its
 * user at their usual place. Its failures still count against the address, and a success there
 * clears that counter only.
 *
 * <p>State is this node's memory only (ADR 0009); Login runs at the leader, so one node sees every
 * attempt while leadership holds.
 */
public final class LoginThrottle {
  /** Account names longer than any valid one are cut, so a key's size is bounded too. */
  static final int MAX_KEY_LENGTH = 64;

  /** Keys kept per dimension: a few MiB at most. */
  public static final int MAX_KEYS = 10_000;

  /** Which dimension made an attempt wait. */
  public enum Scope {
    ACCOUNT,
    ADDRESS;

    /** The value of the ErrorInfo metadata "scope". */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** What {@link #admit} decides. */
  public sealed interface Admission {}

  /** The attempt may check its password; report how it went through {@code attempt}. */
  public record Admitted(Attempt attempt) implements Admission {}

  /** The attempt is refused unchecked; the key may try again after {@code retryAfter}. */
  public record Throttled(Scope scope, Duration retryAfter) implements Admission {}

  private final FailureTable accounts;
  private final FailureTable addresses;
  private final KnownAddresses known;
  private final LongSupplier nanoClock;
  private final ThrottleWarnings warnings;

  /**
   * @param nanoClock monotonic nanoseconds ({@code System::nanoTime}; tests pass one they advance)
   */
  public LoginThrottle(
      ThrottlePolicy account, ThrottlePolicy address, int maxKeys, LongSupplier nanoClock) {
    this.accounts = new FailureTable(account, maxKeys);
    this.addresses = new FailureTable(address, maxKeys);
    this.known = new KnownAddresses(maxKeys);
    this.nanoClock = nanoClock;
    this.warnings = new ThrottleWarnings(nanoClock);
  }

  /**
   * The policies a node runs with ({@link ThrottlePolicy#ACCOUNT}, {@link ThrottlePolicy#ADDRESS}).
   */
  public static LoginThrottle standard(LongSupplier nanoClock) {
    return new LoginThrottle(ThrottlePolicy.ACCOUNT, ThrottlePolicy.ADDRESS, MAX_KEYS, nanoClock);
  }

  /**
   * Decides whether a login for {@code account} from {@code address} may check its password now.
   * When both dimensions make it wait, the longer wait is the answer.
   */
  public synchronized Admission admit(String account, String address) {
    long now = nanoClock.getAsLong();
    String accountKey = accountKey(account, address, now);
    long accountWait = accounts.waitNanos(accountKey, now);
    long addressWait = addresses.waitNanos(address, now);
    if (accountWait > 0 || addressWait > 0) {
      return accountWait >= addressWait
          ? new Throttled(Scope.ACCOUNT, Duration.ofNanos(accountWait))
          : new Throttled(Scope.ADDRESS, Duration.ofNanos(addressWait));
    }
    accounts.begin(accountKey);
    addresses.begin(address);
    return new Admitted(new Attempt(account, accountKey, address));
  }

  /** Failures counted against {@code account} now: for tests and diagnostics. */
  synchronized int accountFailures(String account) {
    return accounts.failures(shared(account), nanoClock.getAsLong());
  }

  /** Failures counted against {@code account} at {@code address} now, if the address is known. */
  synchronized int accountFailures(String account, String address) {
    long now = nanoClock.getAsLong();
    return accounts.failures(accountKey(account, address, now), now);
  }

  /** Failures counted against {@code address} now: for tests and diagnostics. */
  synchronized int addressFailures(String address) {
    return addresses.failures(address, nanoClock.getAsLong());
  }

  /** Account names kept: for tests of the memory bound. */
  synchronized int accountKeys() {
    return accounts.size();
  }

  /** Client addresses kept: for tests of the memory bound. */
  synchronized int addressKeys() {
    return addresses.size();
  }

  private synchronized void end(
      String account,
      String accountKey,
      String address,
      FailureTable.Verdict forAccount,
      boolean failed) {
    long now = nanoClock.getAsLong();
    boolean accountWaits = accounts.end(accountKey, forAccount, now);
    if (forAccount == FailureTable.Verdict.CLEARED) {
      known.signedIn(shared(account), address, now);
    }
    boolean addressWaits =
        addresses.end(
            address, failed ? FailureTable.Verdict.FAILED : FailureTable.Verdict.RELEASED, now);
    if (accountWaits) {
      warnings.firstWait(Scope.ACCOUNT, shared(account), address, accounts.policy());
    }
    if (addressWaits) {
      warnings.firstWait(Scope.ADDRESS, shared(account), address, addresses.policy());
    }
  }

  /** The account's counter for an attempt from {@code address}: its own if the address is known. */
  private String accountKey(String account, String address, long now) {
    String shared = shared(account);
    return known.isKnown(shared, address, now) ? KnownAddresses.pair(shared, address) : shared;
  }

  /** The account's shared counter. */
  private static String shared(String account) {
    return account.length() > MAX_KEY_LENGTH ? account.substring(0, MAX_KEY_LENGTH) : account;
  }

  /** One admitted login; exactly one of its methods takes effect (later calls are ignored). */
  public final class Attempt {
    private final String account;
    private final String accountKey;
    private final String address;
    private final AtomicBoolean ended = new AtomicBoolean();

    private Attempt(String account, String accountKey, String address) {
      this.account = account;
      this.accountKey = accountKey;
      this.address = address;
    }

    /** Wrong password or unknown account: counts against both the account and the address. */
    public void failed() {
      if (ended.compareAndSet(false, true)) {
        end(account, accountKey, address, FailureTable.Verdict.FAILED, true);
      }
    }

    /**
     * Right password: the account counter it was judged by is cleared (at a known address that is
     * the address's own, so strangers' failures elsewhere are not forgiven); the address's failures
     * stay; the address is known to the account from now on.
     */
    public void succeeded() {
      if (ended.compareAndSet(false, true)) {
        end(account, accountKey, address, FailureTable.Verdict.CLEARED, false);
      }
    }

    /** No verdict (this node stopped leading, the read failed): nothing is counted. */
    public void abandoned() {
      if (ended.compareAndSet(false, true)) {
        end(account, accountKey, address, FailureTable.Verdict.RELEASED, false);
      }
    }
  }
}
