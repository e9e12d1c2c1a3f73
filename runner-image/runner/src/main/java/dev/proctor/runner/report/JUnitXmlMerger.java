package dev.proctor.runner.report;

import dev.proctor.core.mask.Masker;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Merges the JUnit XML of every shard and every attempt of a run into one report, as Surefire would have written it
 * had one JVM run the whole selection with {@code rerunFailingTestsCount}: a test that failed in an attempt and passed
 * in a later one is a passing {@code <testcase>} with a {@code <flakyFailure>}/{@code <flakyError>} per failure; a test
 * that failed in its last attempt keeps that failure and carries the earlier ones as {@code <rerunFailure>}/
 * {@code <rerunError>}. Within one attempt the runner already writes those elements; they are kept and re-labelled the
 * same way. The run's reporter Job ({@link RunReporter}) calls it.
 */
public final class JUnitXmlMerger {
    /** One shard attempt's {@code junit-shard-<i>[-a<k>].xml}. */
    public record ShardXml(int shard, int attempt, byte[] xml) {}

    /** What the merged report counts, as its {@code <testsuite>} attributes say. */
    public record Totals(int tests, int failures, int errors, int skipped, int flakes) {}

    private JUnitXmlMerger() {}

    /** The merged report; inputs in any order (attempts are applied in their order within each shard). */
    public static byte[] merge(String suiteName, List<ShardXml> inputs) throws IOException {
        return merge(suiteName, inputs, null);
    }

    /**
     * The merged report with every text and attribute of the test cases passed through {@code masker} (null: as they
     * are): the shards masked what they wrote, and the reporter masks again with what it knows.
     */
    public static byte[] merge(String suiteName, List<ShardXml> inputs, Masker masker) throws IOException {
        DocumentBuilder builder = builder();
        Document out = builder.newDocument();
        Map<String, Element> cases = new LinkedHashMap<>();
        List<ShardXml> ordered = new ArrayList<>(inputs);
        ordered.sort(Comparator.comparingInt(ShardXml::shard).thenComparingInt(ShardXml::attempt));
        for (ShardXml input : ordered) {
            Document doc;
            try {
                doc = builder.parse(new ByteArrayInputStream(input.xml()));
            } catch (SAXException e) {
                throw new IOException("shard " + input.shard() + " attempt " + input.attempt() + ": not JUnit XML: " + e.getMessage(), e);
            }
            NodeList found = doc.getElementsByTagName("testcase");
            for (int i = 0; i < found.getLength(); i++) {
                Element next = (Element) out.importNode(found.item(i), true);
                if (masker != null) mask(next, masker);
                String key = input.shard() + "\u0000" + next.getAttribute("classname") + "\u0000" + next.getAttribute("name");
                Element earlier = cases.get(key);
                cases.put(key, earlier == null ? next : later(out, earlier, next));
            }
        }
        Element suite = out.createElement("testsuite");
        out.appendChild(suite);
        Totals totals = totals(cases.values());
        suite.setAttribute("name", suiteName);
        suite.setAttribute("tests", String.valueOf(totals.tests()));
        suite.setAttribute("failures", String.valueOf(totals.failures()));
        suite.setAttribute("errors", String.valueOf(totals.errors()));
        suite.setAttribute("skipped", String.valueOf(totals.skipped()));
        suite.setAttribute("flakes", String.valueOf(totals.flakes()));
        double seconds = 0;
        for (Element testcase : cases.values()) {
            seconds += parseSeconds(testcase.getAttribute("time"));
            suite.appendChild(testcase);
        }
        suite.setAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
        return write(out);
    }

    private static void mask(Node node, Masker masker) {
        if (node instanceof Element e) {
            var attributes = e.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                attribute.setNodeValue(masker.mask(attribute.getNodeValue()));
            }
        } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
            node.setNodeValue(masker.mask(node.getNodeValue()));
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) mask(child, masker);
    }

    /** The counts of merged test cases. */
    public static Totals totals(Iterable<Element> cases) {
        int tests = 0, failures = 0, errors = 0, skipped = 0, flakes = 0;
        for (Element testcase : cases) {
            tests++;
            if (first(testcase, "failure") != null) failures++;
            else if (first(testcase, "error") != null) errors++;
            else if (first(testcase, "skipped") != null) skipped++;
            else if (first(testcase, "flakyFailure") != null || first(testcase, "flakyError") != null) flakes++;
        }
        return new Totals(tests, failures, errors, skipped, flakes);
    }

    /** The later attempt's case, carrying the earlier attempt's failures as reruns or flaky failures. */
    private static Element later(Document out, Element earlier, Element next) {
        boolean nextFailed = first(next, "failure") != null || first(next, "error") != null;
        List<Element> failures = new ArrayList<>();
        for (Node child = earlier.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element e)) continue;
            String kind = switch (e.getTagName()) {
                case "failure", "rerunFailure", "flakyFailure" -> "Failure";
                case "error", "rerunError", "flakyError" -> "Error";
                default -> null;
            };
            if (kind != null) failures.add(relabel(out, e, (nextFailed ? "rerun" : "flaky") + kind));
        }
        if (failures.isEmpty()) return next;
        if (!nextFailed && first(next, "skipped") != null) return next;
        // earlier failures go before the later attempt's own reruns, in the order they happened
        Node anchor = nextFailed ? firstRerun(next) : next.getFirstChild();
        if (!nextFailed) {
            // the later attempt's own flaky failures came after the earlier attempt's
            Node own = firstOf(next, "flakyFailure", "flakyError");
            if (own != null) anchor = own;
        }
        for (Element failure : failures) next.insertBefore(failure, anchor);
        return next;
    }

    private static Node firstRerun(Element testcase) {
        return firstOf(testcase, "rerunFailure", "rerunError");
    }

    private static Node firstOf(Element testcase, String... names) {
        for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && List.of(names).contains(e.getTagName())) return child;
        }
        return null;
    }

    /** A failure element under another name; a top-level failure's trace moves into a nested stackTrace. */
    private static Element relabel(Document out, Element failure, String name) {
        Element copy = out.createElement(name);
        for (String attribute : List.of("message", "type")) {
            if (failure.hasAttribute(attribute)) copy.setAttribute(attribute, failure.getAttribute(attribute));
        }
        Element nested = first(failure, "stackTrace");
        Element trace = out.createElement("stackTrace");
        trace.setTextContent(nested != null ? nested.getTextContent() : failure.getTextContent());
        copy.appendChild(trace);
        return copy;
    }

    static Element first(Element parent, String name) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && e.getTagName().equals(name)) return e;
        }
        return null;
    }

    static double parseSeconds(String value) {
        try {
            return value == null || value.isEmpty() ? 0 : Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser is always there", e);
        }
    }

    private static byte[] write(Document doc) throws IOException {
        try {
            Transformer transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.setOutputProperty(OutputKeys.INDENT, "no");
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            transformer.transform(new DOMSource(doc), new StreamResult(bytes));
            return bytes.toByteArray();
        } catch (TransformerException e) {
            throw new IOException("cannot write the merged report", e);
        }
    }
}
