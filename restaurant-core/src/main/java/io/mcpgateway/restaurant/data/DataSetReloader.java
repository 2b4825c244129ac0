package io.mcpgateway.restaurant.data;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

import io.mcpgateway.text.Plural;

/**
 * Reloads a data set when its source changes: every interval it asks the source for its {@link
 * VersionedDataSource#version() version}, and when that differs from the one served it loads the data set again and
 * hands it over. A load that fails leaves the data set being served in place, and the failure is kept for
 * {@code /health}. One that failed for what the store holds (the catalog unreadable, over the size limit or missing
 * a region file that loaded before) is not tried again until the store changes: every try would fail the same way.
 * One that ran out of memory (a data set the heap cannot hold beside the one served) waits 30 minutes, as every try
 * slows every call while it lasts. One that failed to read (the store unreachable, a file not handed over) is tried
 * again at the next check.
 *
 * <p>A district file that loaded before and is now unusable as a whole (malformed, over the size limit) keeps the
 * district's restaurants of before: one bad upload does not empty a district on every replica. The file's problem
 * stays shown until it is fixed.
 */
public final class DataSetReloader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DataSetReloader.class);
    /** How long a version whose load ran out of memory is left alone, unless the store changes first. */
    static final Duration RETRY_AFTER_ERROR = Duration.ofMinutes(30);

    /** What {@code /health} shows of the reloading. */
    public record Status(Instant lastCheck, Instant lastReload, String lastError, long reloads) {
    }

    private final VersionedDataSource source;
    private final DataSetLoader loader;
    private final Consumer<DataSet> onReload;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("data-reload").daemon().factory());
    private volatile String servedVersion;
    /** The version last refused for what it holds, not loaded again until then; null when none. */
    private volatile Rejected rejected;
    private volatile DataSet served;
    private volatile Status status = new Status(null, null, null, 0);

    /**
     * @param served the data set being served now
     * @param servedVersion the source's version it was loaded at; a data set with files the store failed to hand over
     *     is no version of the data, so the first check loads it again (else it would wait for the next change)
     * @param onReload receives each newly loaded data set
     */
    public DataSetReloader(VersionedDataSource source, DataSet served, String servedVersion, DataSetLoader loader,
            Consumer<DataSet> onReload, Clock clock) {
        this.source = Objects.requireNonNull(source, "source");
        this.servedVersion = served.problems().stream().anyMatch(LoadProblem::isUnreadable) ? null : servedVersion;
        this.served = served;
        this.loader = Objects.requireNonNull(loader, "loader");
        this.onReload = Objects.requireNonNull(onReload, "onReload");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public DataSetReloader every(Duration interval) {
        timer.scheduleWithFixedDelay(this::checkNow, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * One check (and reload when the source changed); also what the timer runs, so it never throws: an exception
     * escaping it would cancel every later check without a word.
     */
    public void checkNow() {
        Instant now = clock.instant();
        String version;
        try {
            version = source.version();
        } catch (IOException | RuntimeException | Error e) {
            String why = e instanceof Error ? e.toString() : String.valueOf(e.getMessage());
            status = new Status(now, status.lastReload(), why, status.reloads());
            log.warn("Cannot check {} for changes; still serving the data loaded before: {}", source.description(),
                    why, e instanceof RuntimeException ? e : null);
            return;
        }
        if (version.equals(servedVersion)) {
            if (status.lastError() != null) { // an outage's end shows in the log as its start did
                log.info("{} can be read again; the data served is its current version", source.description());
            }
            status = new Status(now, status.lastReload(), null, status.reloads());
            rejected = null; // the store went back to what is served: a refused version uploaded again is tried again
            return;
        }
        Rejected refused = rejected;
        if (refused != null && version.equals(refused.version()) && now.isBefore(refused.until())) {
            if (status.lastError() != null && !status.lastError().equals(refused.reason())) {
                log.info("{} can be read again; its current version is still the one refused", source.description());
            }
            status = new Status(now, status.lastReload(), refused.reason(), status.reloads()); // logged once
            return;
        }
        try {
            DataSet reloaded = loader.load(source);
            List<LoadProblem> unreadable = reloaded.problems().stream().filter(LoadProblem::isUnreadable).toList();
            if (!unreadable.isEmpty()) {
                // A file the store failed to hand over is not a change of the data: keep what is served and try again
                // at the next check, rather than serve the data without it until the store changes once more.
                throw new IOException("the data just loaded is not served: " + unreadable.size()
                        + " file(s) could not be read, first " + unreadable.get(0));
            }
            List<LoadProblem> catalogBroken = newCatalogProblems(reloaded);
            if (!catalogBroken.isEmpty()) {
                // A region file missing or malformed would drop its districts, which callers would then be told do not
                // exist: an upload gone wrong, not a change to serve (a region is removed from master-config.json).
                throw new DataSetException("the data just loaded is not served: its district catalog lost what "
                        + "loaded before, first " + catalogBroken.get(0));
            }
            warnOfFilesGone(reloaded);
            DataSet kept = DistrictsKept.withDistrictsOfBefore(served, reloaded);
            onReload.accept(kept);
            servedVersion = version;
            served = kept;
            rejected = null;
            status = new Status(now, clock.instant(), null, status.reloads() + 1);
            log.info("Reloaded {}: {} restaurants in {} districts ({})", source.description(),
                    kept.restaurantCount(), kept.catalog().size(), Plural.of(kept.problems().size(), "problem"));
        } catch (DataSetException e) {
            // what the store holds (a catalog file over the size limit too), but for a read of it that failed (the
            // store gone in the middle of the load)
            boolean readFailed = e.getCause() instanceof IOException
                    && !(e.getCause() instanceof FileTooLargeException);
            failed(now, version, e.getMessage(), readFailed ? null : Instant.MAX, Level.WARN, null);
        } catch (IOException | RuntimeException e) {
            failed(now, version, String.valueOf(e.getMessage()), null, Level.WARN, e instanceof IOException ? null : e);
        } catch (Error e) {
            // Most likely an OutOfMemoryError: a reload holds two data sets at once. The attempt's memory is free
            // again once it is abandoned; the same data would most likely not fit at the next check either, but the
            // heap may have been full of a moment's traffic: tried again after a while.
            failed(now, version, e.toString(), now.plus(RETRY_AFTER_ERROR), Level.ERROR, null);
        }
    }

    /**
     * Keeps the failure of loading {@code version} for {@code /health} and logs it; one refused for what it holds is
     * not loaded again before {@code refusedUntil} unless the store changes (null: tried again at the next check).
     */
    private void failed(Instant now, String version, String why, Instant refusedUntil, Level level,
            Throwable unexpected) {
        status = new Status(now, status.lastReload(), why, status.reloads());
        rejected = refusedUntil == null ? null : new Rejected(version, why, refusedUntil);
        log.atLevel(level).setCause(unexpected).log(
                "Cannot reload {}; still serving the data loaded before, {}: {}", source.description(),
                refusedUntil == null ? "trying again at the next check" : refusedUntil.equals(Instant.MAX)
                        ? "until the data changes again"
                        : "trying again in " + RETRY_AFTER_ERROR.toMinutes() + " min unless the data changes first",
                why);
    }

    /** A version refused for what it holds, and until when it is not loaded again. */
    private record Rejected(String version, String reason, Instant until) {
    }

    /** The catalog's problems (its files under {@code districts/}) that lost data and the data served had not. */
    private List<LoadProblem> newCatalogProblems(DataSet reloaded) {
        return reloaded.problems().stream()
                .filter(problem -> !problem.isWarning() && problem.file().startsWith(CatalogReader.FOLDER))
                .filter(problem -> !served.problems().contains(problem))
                .toList();
    }

    /**
     * Names the districts that had a file in the data served and have none in the new one: a file deleted by mistake
     * empties its district, which is what the layout says (a district without a file has no restaurants), but not
     * without a word.
     */
    private void warnOfFilesGone(DataSet reloaded) {
        List<String> gone = served.restaurantsByDistrict().keySet().stream()
                .filter(district -> !reloaded.restaurantsByDistrict().containsKey(district))
                .filter(district -> reloaded.problems().stream().noneMatch(p -> p.file().equals(district.dataFile())))
                .map(district -> district.name() + " (" + district.dataFile() + ")").toList();
        if (!gone.isEmpty()) {
            log.warn("{} no longer has the file of {}: no restaurants there from now on", source.description(),
                    String.join(", ", gone));
        }
    }

    public Status status() {
        return status;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
