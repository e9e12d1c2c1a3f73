package dev.proctor.runner.report;

import dev.proctor.core.mask.Masker;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Writes one shard's results as Ant/Surefire-style JUnit XML, the format CI servers and report tools read.
 *
 * <p>Retries use Surefire's own elements, so tools that understand {@code rerunFailingTestsCount} show them: a
 * flaky test is a passing {@code <testcase>} with one {@code <flakyFailure>}/{@code <flakyError>} per failed
 * attempt; a test that never passed has its last failure as {@code <failure>}/{@code <error>} and the earlier ones
 * as {@code <rerunFailure>}/{@code <rerunError>}. Every text goes through the masker, and characters XML 1.0
 * cannot carry are dropped.
 */
public final class JUnitXmlWriter {
    private final Masker masker;

    public JUnitXmlWriter(Masker masker) {
        this.masker = masker;
    }

    /** @param properties written as the suite's {@code <properties>} (run, shard, attempt…) */
    public void write(Path file, String suiteName, ShardReport report, Map<String, String> properties,
                      Instant startedAt) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(partial)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            writeSuite(xml, suiteName, report, properties, startedAt);
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write JUnit XML " + file, e);
        }
        Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    private void writeSuite(XMLStreamWriter xml, String suiteName, ShardReport report, Map<String, String> properties,
                            Instant startedAt) throws XMLStreamException {
        int failures = 0;
        int errors = 0;
        for (TestResult result : report.results()) {
            if (result.status() == TestResult.Status.FAILED) {
                if (result.last().failure() != null && result.last().failure().assertion()) failures++;
                else errors++;
            }
        }
        xml.writeStartElement("testsuite");
        xml.writeAttribute("name", text(suiteName));
        xml.writeAttribute("tests", String.valueOf(report.results().size()));
        xml.writeAttribute("failures", String.valueOf(failures));
        xml.writeAttribute("errors", String.valueOf(errors + (report.error() == null ? 0 : 1)));
        xml.writeAttribute("skipped", String.valueOf(report.count(TestResult.Status.SKIPPED)));
        xml.writeAttribute("flakes", String.valueOf(report.count(TestResult.Status.FLAKY)));
        xml.writeAttribute("time", seconds(report.durationMillis()));
        xml.writeAttribute("timestamp", startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        xml.writeCharacters("\n  ");
        xml.writeStartElement("properties");
        for (Map.Entry<String, String> property : properties.entrySet()) {
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", text(property.getKey()));
            xml.writeAttribute("value", text(property.getValue()));
        }
        xml.writeEndElement();
        for (TestResult result : report.results()) {
            xml.writeCharacters("\n  ");
            writeCase(xml, result);
        }
        if (report.error() != null) {
            xml.writeCharacters("\n  ");
            writeRunnerError(xml, suiteName, report.error());
        }
        xml.writeCharacters("\n");
        xml.writeEndElement();
        xml.writeCharacters("\n");
    }

    private void writeCase(XMLStreamWriter xml, TestResult result) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", text(caseName(result)));
        xml.writeAttribute("classname", text(result.id().className()));
        xml.writeAttribute("time", seconds(result.last().millis()));
        List<TestAttempt> attempts = result.attempts();
        switch (result.status()) {
            case SKIPPED -> {
                xml.writeEmptyElement("skipped");
                Failure reason = result.last().failure();
                if (reason != null) xml.writeAttribute("message", text(reason.message()));
            }
            case FAILED -> {
                writeFailure(xml, result.last().failure(), "failure", "error", false);
                for (TestAttempt earlier : attempts.subList(0, attempts.size() - 1)) {
                    writeFailure(xml, earlier.failure(), "rerunFailure", "rerunError", true);
                }
            }
            case FLAKY -> {
                for (TestAttempt failed : attempts.subList(0, attempts.size() - 1)) {
                    writeFailure(xml, failed.failure(), "flakyFailure", "flakyError", true);
                }
            }
            case PASSED -> { }
        }
        writeReportEntries(xml, result);
        xml.writeEndElement();
    }

    /**
     * The method name; for one invocation of a parameterized method or one dynamic test, the method name and the
     * invocation's display name ("sum [2] 1, 2"), so each has its own test case as in Surefire's reports.
     */
    static String caseName(TestResult result) {
        String method = result.id().methodName();
        if (method.isEmpty()) return result.id().displayName();
        String uid = result.id().uniqueId();
        boolean invocation = uid.contains("/[test-template-invocation:") || uid.contains("/[dynamic-test:")
                || uid.contains("/[dynamic-container:");
        return invocation ? method + " " + result.id().displayName() : method;
    }

    private void writeFailure(XMLStreamWriter xml, Failure failure, String assertionElement, String errorElement,
                              boolean nestedTrace) throws XMLStreamException {
        Failure f = failure == null ? Failure.of("java.lang.AssertionError", "failed without a reason") : failure;
        xml.writeStartElement(f.assertion() ? assertionElement : errorElement);
        xml.writeAttribute("message", text(f.message()));
        xml.writeAttribute("type", text(f.type()));
        if (nestedTrace) {
            xml.writeStartElement("stackTrace");
            xml.writeCharacters(text(f.stackTrace()));
            xml.writeEndElement();
        } else {
            xml.writeCharacters(text(f.stackTrace()));
        }
        xml.writeEndElement();
    }

    /** Report entries go to system-out, as the JUnit Platform's own legacy XML reporter writes them. */
    private void writeReportEntries(XMLStreamWriter xml, TestResult result) throws XMLStreamException {
        StringBuilder out = new StringBuilder();
        for (TestAttempt attempt : result.attempts()) {
            for (Map<String, String> entry : attempt.reportEntries()) {
                out.append("--- report entry ---\n");
                entry.forEach((key, value) -> out.append(key).append(" = ").append(value).append('\n'));
            }
        }
        if (out.length() == 0) return;
        xml.writeStartElement("system-out");
        xml.writeCharacters(text(out.toString()));
        xml.writeEndElement();
    }

    private void writeRunnerError(XMLStreamWriter xml, String suiteName, String error) throws XMLStreamException {
        xml.writeStartElement("testcase");
        xml.writeAttribute("name", "runner");
        xml.writeAttribute("classname", text(suiteName));
        xml.writeAttribute("time", "0");
        xml.writeStartElement("error");
        xml.writeAttribute("message", text(error));
        xml.writeAttribute("type", "dev.proctor.runner.RunnerError");
        xml.writeCharacters(text(error));
        xml.writeEndElement();
        xml.writeEndElement();
    }

    private String text(String value) {
        return value == null ? "" : xmlSafe(masker.mask(value));
    }

    /** Keeps only the characters XML 1.0 allows; anything else would make the whole file unreadable. */
    static String xmlSafe(String text) {
        StringBuilder b = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            boolean allowed = cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF)
                    || (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
            b.appendCodePoint(allowed ? cp : 0xFFFD);
        });
        return b.toString();
    }

    private static String seconds(long millis) {
        return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
    }
}
