package dev.proctor.core.run;

import dev.proctor.core.result.ShardSummary;
import dev.proctor.core.result.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The run lifecycle as one pure function: previous shard states (from the run's status) and what the
 * cluster shows now go in; the shard states, the Jobs to create or delete, the phase and, once every shard
 * is done, the merged verdict come out. The operator only observes, calls this, and acts.
 *
 * <p>Attempt numbers only grow and a Job's name is derived from (shard, attempt), so acting on the same
 * decision twice creates nothing twice.
 */
public final class RunDecider {
    private RunDecider() {}

    /** The decision for a run no SLA gate selects and whose phase was not recorded yet. */
    public static Decision decide(RunSettings settings, List<ShardState> previous, List<AttemptFacts> facts, Instant now) {
        return decide(settings, null, previous, facts, SlaGate.NONE, now);
    }

    /**
     * @param recorded the phase the run's status holds, null before its first write: the phase decided never moves back
     *                 from it ({@link RunPhase#canMoveTo}); a finished run is not decided again ({@link #jobsToStop})
     * @param gate     asked once the verdict is made; a breach fails a run whose tests passed
     */
    public static Decision decide(RunSettings settings, RunPhase recorded, List<ShardState> previous, List<AttemptFacts> facts,
                                  SlaGate gate, Instant now) {
        if (recorded != null && recorded.isTerminal()) {
            throw new IllegalArgumentException("a " + recorded + " run is finished: it is not decided again");
        }
        Map<Integer, ShardState> before = new LinkedHashMap<>();
        for (ShardState s : previous) before.put(s.shard(), s);
        Map<Integer, NavigableMap<Integer, AttemptFacts>> byShard = new TreeMap<>();
        for (AttemptFacts f : facts) {
            if (f.shard() >= 0 && f.shard() < settings.shards()) {
                byShard.computeIfAbsent(f.shard(), k -> new TreeMap<>()).put(f.attempt(), f);
            }
        }

        ShardState[] next = new ShardState[settings.shards()];
        List<JobRequest> retries = new ArrayList<>();
        List<Integer> waiting = new ArrayList<>();
        Instant recheck = null;
        int active = 0;
        List<JobRequest> toDelete = jobsToStop(previous, facts);

        for (int shard = 0; shard < settings.shards(); shard++) {
            ShardState prev = before.get(shard);
            NavigableMap<Integer, AttemptFacts> attempts = byShard.getOrDefault(shard, new TreeMap<>());
            int latest = Math.max(prev == null || prev.state() == AttemptState.Waiting ? -1 : prev.attempt(),
                    attempts.isEmpty() ? -1 : attempts.lastKey());
            if (latest < 0) {
                waiting.add(shard);
                continue;
            }
            AttemptFacts fact = attempts.get(latest);
            ShardState current;
            if (fact == null && prev != null && prev.attempt() == latest && (prev.state().isFinished() || prev.done())) {
                current = prev; // its Job was removed after it finished: the recorded result stands
            } else {
                AttemptClassifier.Classified c = AttemptClassifier.classify(
                        fact == null ? AttemptFacts.missing(shard, latest) : fact, now, settings.stuckGrace());
                current = c.state();
                if (c.stuck()) recheck = now; // stop its Job once this failure is recorded
                if (c.stuckDeadline() != null && (recheck == null || c.stuckDeadline().isBefore(recheck))) {
                    recheck = c.stuckDeadline();
                }
                current = withCombinedSummary(current, attempts, settings, now);
            }

            if (!current.state().isFinished()) {
                active++;
                next[shard] = current;
            } else if (current.done() || !retryable(current, settings) || latest >= settings.retryLimit()) {
                next[shard] = current.finalResult();
            } else {
                next[shard] = current;
                retries.add(new JobRequest(shard, latest + 1, rerunOnly(current, settings)));
            }
        }

        List<JobRequest> toCreate = new ArrayList<>();
        int slots = settings.parallelism() - active;
        for (JobRequest retry : retries) {
            if (slots <= 0) break;
            ShardState failed = next[retry.shard()];
            next[retry.shard()] = failed.withAttempt(retry.attempt(),
                    "attempt " + (retry.attempt() + 1) + " after " + failed.reason()
                            + (retry.include().isEmpty() ? "" : ", re-running " + retry.include().size() + " failed tests"));
            toCreate.add(retry);
            slots--;
        }
        for (int shard : waiting) {
            if (slots > 0) {
                toCreate.add(new JobRequest(shard, 0, List.of()));
                next[shard] = new ShardState(shard, 0, AttemptState.Pending, false, null, "Created", null, null, null, null);
                slots--;
            } else {
                next[shard] = new ShardState(shard, 0, AttemptState.Waiting, false, null, "Waiting",
                        "waiting for a free slot (parallelism " + settings.parallelism() + ")", null, null, null);
            }
        }

        List<ShardState> shards = List.of(next);
        boolean allDone = shards.stream().allMatch(ShardState::done);
        RunVerdict verdict = null;
        List<SlaGate.Breach> breaches = null;
        if (allDone) {
            verdict = VerdictMerger.merge(shards.stream().map(ShardState::toOutcome).toList(), settings.maxFailedNames());
            breaches = gate.judge(verdict.totals(), now).orElse(null);
            if (breaches != null) verdict = SlaGate.enforce(verdict, breaches);
        }
        RunPhase phase = allDone ? verdict.phase()
                : shards.stream().anyMatch(s -> s.state() != AttemptState.Waiting && s.state() != AttemptState.Pending
                        || s.attempt() > 0) ? RunPhase.Running : RunPhase.Pending;
        return new Decision(forwardOnly(recorded, phase), shards, List.copyOf(toCreate), List.copyOf(toDelete), verdict, recheck,
                breaches == null ? null : List.copyOf(breaches));
    }

    /**
     * Phases only move forward: a run seen Running stays Running when its pods look Pending again (a cache behind, a
     * Job re-created after it was deleted), until it finishes.
     */
    private static RunPhase forwardOnly(RunPhase recorded, RunPhase decided) {
        return recorded == null || recorded.canMoveTo(decided) ? decided : recorded;
    }

    /** Reason of a shard that was stopped, or never started, because its run ended early. */
    public static final String RUN_ABORTED = "RunAborted";

    /**
     * The run ends {@code Error} at once because the API server permanently refused something it needs (a shard's
     * Job, the plan): asking again would get the same answer. Shards that already finished keep their result; every
     * other shard is done with reason {@link #RUN_ABORTED} — a running shard's Job is stopped once this is recorded
     * ({@link #jobsToStop}), a waiting one, or one whose Job was not created, never starts.
     *
     * @param shards     the shards as the current decision left them (missing ones count as waiting)
     * @param notCreated attempts the decision asked for whose Jobs were not created
     * @param reason     why, e.g. JobRejected or PlanRejected
     * @param message    what the API server said, and about what
     */
    public static Decision abort(RunSettings settings, List<ShardState> shards, List<JobRequest> notCreated, String reason,
                                 String message, Instant now) {
        Map<Integer, ShardState> byShard = new TreeMap<>();
        for (ShardState s : shards) byShard.put(s.shard(), s);
        Set<Integer> neverStarted = new HashSet<>();
        for (JobRequest r : notCreated) neverStarted.add(r.shard());
        List<ShardState> ended = new ArrayList<>();
        for (int shard = 0; shard < settings.shards(); shard++) {
            ShardState s = byShard.get(shard);
            if (s != null && s.done()) {
                ended.add(s);
            } else if (s != null && s.state().isFinished() && !neverStarted.contains(shard)) {
                ended.add(s.finalResult()); // finished; the retry it could have had will not happen
            } else if (s == null || s.state() == AttemptState.Waiting || neverStarted.contains(shard)) {
                ended.add(new ShardState(shard, s == null ? 0 : s.attempt(), AttemptState.RunnerError, true,
                        s == null ? null : s.summary(), RUN_ABORTED, "not started: the run ended in Error (" + reason + ")",
                        null, null, null));
            } else {
                ended.add(new ShardState(shard, s.attempt(), AttemptState.RunnerError, true, null, RUN_ABORTED,
                        "stopped: the run ended in Error (" + reason + ")", s.startedAt(), now, s.node()));
            }
        }
        RunVerdict merged = VerdictMerger.merge(ended.stream().map(ShardState::toOutcome).toList(), settings.maxFailedNames());
        RunVerdict verdict = new RunVerdict(RunPhase.Error, reason, message, merged.totals(), merged.failedTests(),
                merged.failedTestsOmitted(), merged.flakyTests(), merged.shardDurations());
        return new Decision(RunPhase.Error, List.copyOf(ended), List.of(), List.of(), verdict, null);
    }

    /**
     * Jobs that still run or wait although the recorded status already holds their attempt's final result
     * (a pod stuck on its image, or an older attempt). They are stopped only after that result is recorded,
     * so a restarted operator never mistakes them for Jobs deleted by hand.
     */
    public static List<JobRequest> jobsToStop(List<ShardState> recorded, List<AttemptFacts> facts) {
        Map<Integer, ShardState> byShard = new TreeMap<>();
        for (ShardState s : recorded) byShard.put(s.shard(), s);
        List<JobRequest> stop = new ArrayList<>();
        for (AttemptFacts f : facts) {
            ShardState r = byShard.get(f.shard());
            if (r == null || r.state() == AttemptState.Waiting || !AttemptClassifier.stillActive(f)) continue;
            boolean superseded = r.attempt() > f.attempt();
            boolean recordedFinished = r.attempt() == f.attempt() && (r.state().isFinished() || r.done());
            if (superseded || recordedFinished) stop.add(new JobRequest(f.shard(), f.attempt(), List.of()));
        }
        return List.copyOf(stop);
    }

    /**
     * How long a finished run is kept before it is deleted: empty when it sets no {@code ttlSecondsAfterFinished} (or
     * has not finished), zero once the time is up.
     */
    public static Optional<Duration> ttlRemaining(Instant completedAt, Long ttlSeconds, Instant now) {
        if (ttlSeconds == null || completedAt == null) return Optional.empty();
        Duration left = Duration.between(now, completedAt.plusSeconds(ttlSeconds));
        return Optional.of(left.isNegative() ? Duration.ZERO : left);
    }

    private static boolean retryable(ShardState s, RunSettings settings) {
        return switch (s.state()) {
            case InfrastructureFailed -> settings.retryInfrastructure();
            case TestsFailed -> settings.retryTestFailures();
            default -> false;
        };
    }

    /** The failed tests to re-run alone, or empty for a whole-share re-run (unknown or truncated list). */
    private static List<String> rerunOnly(ShardState failed, RunSettings settings) {
        if (failed.state() != AttemptState.TestsFailed || failed.summary() == null) return List.of();
        ShardSummary s = failed.summary();
        return !s.truncated() && !s.failedTests().isEmpty() && s.failedTests().size() == s.failed()
                ? s.failedTests() : List.of();
    }

    /**
     * A re-run of only the failed tests reports only those; fold it into the attempt before it so the shard's
     * counts cover its whole share. A test that failed and then passed becomes flaky, never passed.
     */
    private static ShardState withCombinedSummary(ShardState current, NavigableMap<Integer, AttemptFacts> attempts,
                                                  RunSettings settings, Instant now) {
        if (current.summary() == null || current.attempt() == 0) return current;
        AttemptFacts earlierFacts = attempts.get(current.attempt() - 1);
        if (earlierFacts == null) return current;
        ShardState earlier = withCombinedSummary(
                AttemptClassifier.classify(earlierFacts, now, settings.stuckGrace()).state(), attempts, settings, now);
        if (earlier.state() != AttemptState.TestsFailed || earlier.summary() == null) return current;
        boolean partial = !rerunOnly(earlier, settings).isEmpty();
        ShardSummary combined = combine(earlier.summary(), current.summary(), partial);
        if (current.state() == AttemptState.Succeeded && combined.verdict() == Verdict.FAILED) {
            // the re-run exited 0 but did not cover the failed tests it was given: they still count as failed
            return new ShardState(current.shard(), current.attempt(), AttemptState.TestsFailed, current.done(), combined,
                    "TestsFailed", "the re-run ran " + current.summary().total() + " of the " + earlier.summary().failed()
                    + " failed tests it was given; their earlier failures stand", current.startedAt(), current.finishedAt(), current.node());
        }
        return new ShardState(current.shard(), current.attempt(), current.state(), current.done(), combined,
                current.reason(), current.message(), current.startedAt(), current.finishedAt(), current.node());
    }

    /**
     * Flaky tests count inside {@code passed} (total = passed + failed + skipped). A partial re-run covers exactly
     * the earlier attempt's failed tests, so every test it passes moves from failed to passed and becomes flaky.
     */
    static ShardSummary combine(ShardSummary base, ShardSummary rerun, boolean partial) {
        return combineCounts(base, rerun, partial);
    }

    /**
     * What the history should learn from a partial re-run: a method unit (or a hashed one, which only method-level
     * shards too large for their summary produce) takes the re-run's time, its passing attempt's if it passed; a
     * class unit keeps the first attempt's time, which covered the whole class, where the re-run ran only its failed
     * methods.
     */
    static Map<String, Long> rerunDurations(Map<String, Long> base, Map<String, Long> rerun) {
        Map<String, Long> durations = new TreeMap<>(base);
        rerun.forEach((unit, millis) -> {
            boolean classUnit = !unit.contains("#");
            if (classUnit) durations.putIfAbsent(unit, millis);
            else durations.put(unit, millis);
        });
        return durations;
    }

    private static ShardSummary combineCounts(ShardSummary base, ShardSummary rerun, boolean partial) {
        Set<String> stillFailing = new HashSet<>(rerun.failedTests());
        List<String> recovered = base.failedTests().stream().filter(t -> !stillFailing.contains(t)).toList();
        List<String> flaky = new ArrayList<>(rerun.flakyTests());
        for (String t : base.flakyTests()) if (!flaky.contains(t)) flaky.add(t);
        for (String t : recovered) if (!flaky.contains(t)) flaky.add(t);
        flaky.sort(Comparator.naturalOrder());
        if (!partial) {
            int newlyFlaky = (int) recovered.stream().filter(t -> !rerun.flakyTests().contains(t)).count();
            return new ShardSummary(rerun.verdict(), rerun.total(), rerun.passed(), rerun.failed(), rerun.skipped(),
                    Math.min(rerun.passed(), rerun.flaky() + newlyFlaky), rerun.durationMillis(),
                    rerun.failedTests(), flaky, rerun.classDurations(), rerun.error(), rerun.truncated());
        }
        Map<String, Long> durations = rerunDurations(base.classDurations(), rerun.classDurations());
        if (rerun.total() < base.failed()) {
            // the re-run ran fewer tests than it was given (an older runner re-sharding them, a test renamed): which of
            // them passed is unknown, so every earlier failure stands rather than vanishing as "recovered"
            return new ShardSummary(Verdict.FAILED, base.total(), base.passed(), base.failed(), base.skipped(), base.flaky(),
                    base.durationMillis() + rerun.durationMillis(), base.failedTests(), base.flakyTests(), durations,
                    base.error(), base.truncated() || rerun.truncated());
        }
        Verdict verdict = rerun.verdict() == Verdict.ERROR ? Verdict.ERROR
                : rerun.failed() > 0 ? Verdict.FAILED : Verdict.PASSED;
        return new ShardSummary(verdict, base.total(), base.passed() + rerun.passed(), rerun.failed(),
                base.skipped() + rerun.skipped(), base.flaky() + rerun.passed(), base.durationMillis() + rerun.durationMillis(),
                rerun.failedTests(), flaky, durations, rerun.error(), base.truncated() || rerun.truncated());
    }
}
