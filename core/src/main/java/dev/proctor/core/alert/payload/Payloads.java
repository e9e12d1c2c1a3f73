package dev.proctor.core.alert.payload;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Small JSON helpers the renderers share. */
final class Payloads {
    static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Payloads() {}

    static ObjectNode object(Map<String, String> values) {
        ObjectNode node = NODES.objectNode();
        values.forEach(node::put);
        return node;
    }
}
