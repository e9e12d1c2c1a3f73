package dev.proctor.cli;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The test cases of one shard attempt's JUnit XML, as the runner writes it (Surefire style). */
final class JUnitCases {
    /** {@code shard-<i>/attempt-<k>/…/junit-shard-<i>[-a<k>].xml} within a run's folder. */
    static final Pattern SHARD_XML = Pattern.compile("^shard-(\\d+)/attempt-(\\d+)/(?:.*/)?junit-shard-[^/]*\\.xml$");

    enum Outcome { PASSED, SKIPPED, FLAKY, FAILED }

    /**
     * @param key     {@code class#method}, the form of the run's status and of an include list
     * @param message the first failure's message (the last attempt's when it failed), else null
     */
    record Case(String key, String name, int shard, int attempt, Outcome outcome, String type, String message) {}

    record ShardAttempt(int shard, int attempt) {}

    private JUnitCases() {}

    static Optional<ShardAttempt> shardAttempt(String key) {
        Matcher m = SHARD_XML.matcher(key);
        return m.matches() ? Optional.of(new ShardAttempt(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2))))
                : Optional.empty();
    }

    static List<Case> parse(byte[] xml, int shard, int attempt) throws IOException {
        NodeList cases;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            cases = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getElementsByTagName("testcase");
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("not JUnit XML: " + e.getMessage(), e);
        }
        List<Case> found = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element testcase = (Element) cases.item(i);
            String name = testcase.getAttribute("name");
            String classname = testcase.getAttribute("classname");
            // an invocation of a parameterized test is "method [display name]"; its method key has the method only
            int space = name.indexOf(' ');
            String method = space < 0 ? name : name.substring(0, space);
            String key = classname.isEmpty() ? method : method.isEmpty() ? classname : classname + "#" + method;
            Element failure = first(testcase, "failure", "error");
            Element flaky = first(testcase, "flakyFailure", "flakyError");
            Outcome outcome = failure != null ? Outcome.FAILED : first(testcase, "skipped") != null ? Outcome.SKIPPED
                    : flaky != null ? Outcome.FLAKY : Outcome.PASSED;
            Element why = failure != null ? failure : flaky;
            found.add(new Case(key, name, shard, attempt, outcome, why == null ? null : emptyToNull(why.getAttribute("type")),
                    why == null ? null : emptyToNull(why.getAttribute("message"))));
        }
        return found;
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static Element first(Element parent, String... names) {
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && List.of(names).contains(e.getTagName())) return e;
        }
        return null;
    }
}
