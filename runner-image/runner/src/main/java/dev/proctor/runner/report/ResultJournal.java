package dev.proctor.runner.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.proctor.core.plan.TestId;
import dev.proctor.core.mask.Masker;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One JSON line per finished test attempt, appended and flushed as each test ends ({@code results-shard-<i>.jsonl}
 * in the artifacts): the record of every completed test that survives a JVM killed before it could write its JUnit
 * XML. Masked like everything else the runner writes.
 */
public final class ResultJournal implements AutoCloseable {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private final OutputStream out;
    private final Masker masker;

    public ResultJournal(Path file, Masker masker) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        this.masker = masker;
    }

    public synchronized void append(TestId test, int tryNumber, TestAttempt attempt, Instant startedAt) {
        ObjectNode line = MAPPER.createObjectNode();
        line.put("test", masker.mask(test.methodKey()));
        line.put("name", masker.mask(test.displayName()));
        line.put("uniqueId", masker.mask(test.uniqueId()));
        line.put("try", tryNumber);
        line.put("status", attempt.outcome().name());
        line.put("millis", attempt.millis());
        line.put("startedAt", startedAt.toString());
        if (attempt.failure() != null) {
            line.put("type", attempt.failure().type());
            line.put("message", masker.mask(attempt.failure().message()));
        }
        try {
            out.write((MAPPER.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serializes", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }
}
