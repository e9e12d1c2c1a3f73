package dev.proctor.operator.api.v1alpha1.schema;

import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_LABEL;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_LABEL_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_SUBDOMAIN;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.DNS_SUBDOMAIN_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.IS_QUALIFIED_NAME_K;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.LABEL_VALUE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.LABEL_VALUE_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_KEYS_MESSAGE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_MAX;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_OR_EMPTY;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_PREFIX_MESSAGE;
import static dev.proctor.operator.api.v1alpha1.schema.Formats.QUALIFIED_NAME_PREFIX_RULE;

import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/** Schemas of where shard pods may run: tolerations and affinity, with Kubernetes' checks. */
public final class SchedulingSchemas {
    private SchedulingSchemas() {}

    /** Keys and values of a label map (node selectors, label selectors' matchLabels). */
    public static final String LABEL_KEYS_RULE = "self.all(k, " + IS_QUALIFIED_NAME_K + ")";

    @ValidationRule(value = "(has(self.key) && self.key != '') || (has(self.operator) && self.operator == 'Exists')",
            message = "operator must be Exists when key is empty (a toleration of every taint)", fieldPath = ".operator")
    @ValidationRule(value = "!has(self.operator) || self.operator != 'Exists' || !has(self.value) || self.value == ''",
            message = "value must be empty when operator is Exists", fieldPath = ".value")
    @ValidationRule(value = "!has(self.tolerationSeconds) || (has(self.effect) && self.effect == 'NoExecute')",
            message = "effect must be NoExecute when tolerationSeconds is set", fieldPath = ".effect")
    public static class Toleration {
        @Size(max = QUALIFIED_NAME_MAX)
        @Pattern(QUALIFIED_NAME_OR_EMPTY)
        @ValidationRule(value = QUALIFIED_NAME_PREFIX_RULE, message = QUALIFIED_NAME_PREFIX_MESSAGE)
        public String key;
        public TolerationOperator operator;
        @Size(max = LABEL_VALUE_MAX)
        @Pattern(LABEL_VALUE)
        public String value;
        public TaintEffect effect;
        public Long tolerationSeconds;
    }

    /** Equal and Exists; Lt and Gt need the TaintTolerationComparisonOperators feature gate (alpha, off by default). */
    public enum TolerationOperator { Equal, Exists }

    public enum TaintEffect { NoSchedule, PreferNoSchedule, NoExecute }

    public static class Affinity {
        public NodeAffinity nodeAffinity;
        public PodAffinity podAffinity;
        public PodAffinity podAntiAffinity;
    }

    public static class NodeAffinity {
        @Size(max = 10)
        public List<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution;
        public NodeSelector requiredDuringSchedulingIgnoredDuringExecution;
    }

    public static class NodeSelector {
        @Required
        @Size(min = 1, max = 10)
        public List<NodeSelectorTerm> nodeSelectorTerms;
    }

    public static class PreferredSchedulingTerm {
        @Required
        public NodeSelectorTerm preference;
        @Required
        @Min(1)
        @Max(100)
        public Integer weight;
    }

    public static class NodeSelectorTerm {
        @Size(max = 20)
        public List<NodeSelectorRequirement> matchExpressions;
        @Size(max = 5)
        public List<NodeFieldSelectorRequirement> matchFields;
    }

    @ValidationRule(value = "!has(self.operator) || (self.operator in ['In', 'NotIn'] ? has(self.values) && size(self.values) > 0 "
            + ": self.operator in ['Exists', 'DoesNotExist'] ? !has(self.values) || size(self.values) == 0 "
            + ": has(self.values) && size(self.values) == 1 && self.values[0].matches('^-?[0-9]+$'))",
            message = "values must be non-empty for In and NotIn, empty for Exists and DoesNotExist, "
                    + "and one integer for Gt and Lt", fieldPath = ".values")
    public static class NodeSelectorRequirement {
        @Required
        @Size(max = QUALIFIED_NAME_MAX)
        @Pattern(QUALIFIED_NAME)
        @ValidationRule(value = QUALIFIED_NAME_PREFIX_RULE, message = QUALIFIED_NAME_PREFIX_MESSAGE)
        public String key;
        @Required
        public NodeSelectorOperator operator;
        @Size(max = 50)
        public List<@Size(max = LABEL_VALUE_MAX) @Pattern(LABEL_VALUE) String> values;
    }

    public enum NodeSelectorOperator { In, NotIn, Exists, DoesNotExist, Gt, Lt }

    /** A node by name: the one field a node selector may select on. */
    public static class NodeFieldSelectorRequirement {
        @Required
        @Pattern("^metadata[.]name$")
        public String key;
        @Required
        public SetOperator operator;
        @Required
        @Size(min = 1, max = 1)
        public List<@Size(max = DNS_SUBDOMAIN_MAX) @Pattern(DNS_SUBDOMAIN) String> values;
    }

    public enum SetOperator { In, NotIn }

    public static class PodAffinity {
        @Size(max = 10)
        public List<WeightedPodAffinityTerm> preferredDuringSchedulingIgnoredDuringExecution;
        @Size(max = 10)
        public List<PodAffinityTerm> requiredDuringSchedulingIgnoredDuringExecution;
    }

    public static class WeightedPodAffinityTerm {
        @Required
        public PodAffinityTerm podAffinityTerm;
        @Required
        @Min(1)
        @Max(100)
        public Integer weight;
    }

    static final String LABEL_KEY_LIST_RULE = "self.all(k, !k.contains('/') || k.indexOf('/') <= 253)";
    static final String LABEL_KEY_LIST_MESSAGE = "the prefix of a label key must be at most 253 characters";

    @ValidationRule(value = "(!has(self.matchLabelKeys) && !has(self.mismatchLabelKeys)) || has(self.labelSelector)",
            message = "matchLabelKeys and mismatchLabelKeys need a labelSelector", fieldPath = ".labelSelector")
    @ValidationRule(value = "!has(self.matchLabelKeys) || !has(self.mismatchLabelKeys) "
            + "|| self.matchLabelKeys.all(k, !(k in self.mismatchLabelKeys))",
            message = "a key may not be in both matchLabelKeys and mismatchLabelKeys", fieldPath = ".matchLabelKeys")
    @ValidationRule(value = "!has(self.matchLabelKeys) || !has(self.labelSelector) || self.matchLabelKeys.all(k, "
            + "!(has(self.labelSelector.matchLabels) && k in self.labelSelector.matchLabels) && "
            + "!(has(self.labelSelector.matchExpressions) && self.labelSelector.matchExpressions.exists(e, e.key == k)))",
            message = "a key of matchLabelKeys may not also be in the labelSelector", fieldPath = ".matchLabelKeys")
    public static class PodAffinityTerm {
        public LabelSelector labelSelector;
        @Size(max = 10)
        @ValidationRule(value = LABEL_KEY_LIST_RULE, message = LABEL_KEY_LIST_MESSAGE)
        public List<@Size(max = QUALIFIED_NAME_MAX) @Pattern(QUALIFIED_NAME) String> matchLabelKeys;
        @Size(max = 10)
        @ValidationRule(value = LABEL_KEY_LIST_RULE, message = LABEL_KEY_LIST_MESSAGE)
        public List<@Size(max = QUALIFIED_NAME_MAX) @Pattern(QUALIFIED_NAME) String> mismatchLabelKeys;
        public LabelSelector namespaceSelector;
        @Size(max = 20)
        public List<@Size(max = DNS_LABEL_MAX) @Pattern(DNS_LABEL) String> namespaces;
        @Required
        @Size(max = QUALIFIED_NAME_MAX)
        @Pattern(QUALIFIED_NAME)
        @ValidationRule(value = QUALIFIED_NAME_PREFIX_RULE, message = QUALIFIED_NAME_PREFIX_MESSAGE)
        public String topologyKey;
    }

    public static class LabelSelector {
        @Size(max = 20)
        public List<LabelSelectorRequirement> matchExpressions;
        @Size(max = 20)
        @ValidationRule(value = LABEL_KEYS_RULE, message = QUALIFIED_NAME_KEYS_MESSAGE)
        public Map<String, @Size(max = LABEL_VALUE_MAX) @Pattern(LABEL_VALUE) String> matchLabels;
    }

    @ValidationRule(value = "!has(self.operator) || (self.operator in ['In', 'NotIn'] ? has(self.values) && size(self.values) > 0 "
            + ": !has(self.values) || size(self.values) == 0)",
            message = "values must be non-empty for In and NotIn, and empty for Exists and DoesNotExist", fieldPath = ".values")
    public static class LabelSelectorRequirement {
        @Required
        @Size(max = QUALIFIED_NAME_MAX)
        @Pattern(QUALIFIED_NAME)
        @ValidationRule(value = QUALIFIED_NAME_PREFIX_RULE, message = QUALIFIED_NAME_PREFIX_MESSAGE)
        public String key;
        @Required
        public LabelSelectorOperator operator;
        @Size(max = 50)
        public List<@Size(max = LABEL_VALUE_MAX) @Pattern(LABEL_VALUE) String> values;
    }

    public enum LabelSelectorOperator { In, NotIn, Exists, DoesNotExist }
}
