package dev.proctor.operator.api.v1alpha1.schema;

/**
 * The string formats Kubernetes validates (k8s.io/apimachinery/pkg/util/validation), written once as RE2 patterns
 * that serve both as OpenAPI {@code pattern}s and inside CEL {@code matches()}. They use {@code [.]} rather than a
 * backslash so that the same text is a valid CEL string literal. Lengths are given apart: a pattern cannot bound a
 * length that a CEL cost estimate can use.
 */
public final class Formats {
    /** RFC 1123 label: volume names, namespaces. */
    public static final String DNS_LABEL = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$";
    public static final int DNS_LABEL_MAX = 63;

    /** RFC 1123 subdomain: names of Secrets, ConfigMaps, claims, service accounts, storage classes, nodes. */
    public static final String DNS_SUBDOMAIN = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*$";
    public static final int DNS_SUBDOMAIN_MAX = 253;

    /**
     * A label key ("qualified name"): an optional DNS subdomain prefix and '/', then a name of at most 63
     * alphanumerics, '-', '_' or '.' that starts and ends alphanumeric. The prefix's own limit of 253 is
     * {@link #QUALIFIED_NAME_PREFIX_RULE}.
     */
    public static final String QUALIFIED_NAME_BODY =
            "([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?";
    public static final String QUALIFIED_NAME = "^" + QUALIFIED_NAME_BODY + "$";
    /** A label key or nothing: a toleration's key. */
    public static final String QUALIFIED_NAME_OR_EMPTY = "^(" + QUALIFIED_NAME_BODY + ")?$";
    public static final int QUALIFIED_NAME_MAX = 253 + 1 + 63;
    public static final String QUALIFIED_NAME_PREFIX_RULE = "!self.contains('/') || self.indexOf('/') <= 253";
    public static final String QUALIFIED_NAME_PREFIX_MESSAGE = "the prefix before '/' must be at most 253 characters";

    /** Whether the CEL string {@code k} is a label key: the rule for map keys, which have no schema of their own. */
    public static final String IS_QUALIFIED_NAME_K =
            "k.matches('" + QUALIFIED_NAME + "') && (!k.contains('/') || k.indexOf('/') <= 253)";
    public static final String QUALIFIED_NAME_KEYS_MESSAGE = "keys must be label keys: an optional DNS subdomain prefix "
            + "and '/', then a name of at most 63 alphanumerics, '-', '_' or '.' that starts and ends alphanumeric "
            + "(e.g. kubernetes.io/os)";

    /** A label value: empty, or at most 63 alphanumerics, '-', '_' or '.' starting and ending alphanumeric. */
    public static final String LABEL_VALUE = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";
    public static final int LABEL_VALUE_MAX = 63;

    /**
     * An environment variable name as every supported Kubernetes version takes it (the rule before 1.34 relaxed it
     * to any printable ASCII but '='): letters, digits, '_', '-', '.', not starting with a digit, not '.' and not
     * starting with '..'.
     */
    public static final String ENV_VAR_NAME = "^([-_a-zA-Z][-._a-zA-Z0-9]*|[.][-_a-zA-Z0-9][-._a-zA-Z0-9]*)$";
    public static final int ENV_VAR_NAME_MAX = 256;

    /** A ConfigMap or Secret key: alphanumerics, '-', '_', '.', not '.' and not starting with '..'. */
    public static final String CONFIG_MAP_KEY = "^([-_a-zA-Z0-9][-._a-zA-Z0-9]*|[.][-_a-zA-Z0-9][-._a-zA-Z0-9]*)$";
    public static final int CONFIG_MAP_KEY_MAX = 253;

    /** A file path inside a volume: relative, no '..' element (Kubernetes' ValidateLocalNonReservedPath). */
    public static final String RELATIVE_PATH_RULE =
            "!self.startsWith('/') && !self.startsWith('..') && !self.contains('/../') && !self.endsWith('/..')";
    public static final String RELATIVE_PATH_MESSAGE = "must be a relative path without '..' elements";
    /** A sub-path: relative and without '..' elements (Kubernetes' validateLocalDescendingPath). */
    public static final String DESCENDING_PATH_RULE =
            "!self.startsWith('/') && self != '..' && !self.startsWith('../') && !self.contains('/../') && !self.endsWith('/..')";
    /** Mount paths and sub-paths. */
    public static final int PATH_MAX = 1024;
    /** Paths of files projected into a volume: short enough for the projected volume's collision rule. */
    public static final int FILE_PATH_MAX = 256;

    /** File modes of projected files: 0 to 0777. */
    public static final int FILE_MODE_MAX = 0777;

    /**
     * A non-negative resource quantity (k8s.io/apimachinery resource.Quantity without a sign): a pattern for
     * fields typed as strings. Fields that take integers too ("cpu: 2") are int-or-string and are checked by
     * {@link #NON_NEGATIVE_QUANTITY_RULE} instead.
     */
    public static final String QUANTITY =
            "^[+]?([0-9]+([.][0-9]*)?|[.][0-9]+)(([KMGTPE]i)|[numkMGTPE]|([eE][-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)))?$";
    public static final int QUANTITY_MAX = 64;
    /** CEL over an int-or-string {@code self}: a quantity Kubernetes parses, and not negative. */
    public static final String NON_NEGATIVE_QUANTITY_RULE =
            "type(self) == int ? self >= 0 : isQuantity(self) && !quantity(self).isLessThan(quantity('0'))";
    public static final String NON_NEGATIVE_QUANTITY_MESSAGE = "must be a non-negative quantity, e.g. 500m, 2, 1Gi";

    /** User and group ids: 0 to 2^31-1 (Kubernetes' IsValidUserID, IsValidGroupID). */
    public static final long ID_MAX = 2147483647L;

    private static final String IMAGE_DOMAIN_COMPONENT = "[a-zA-Z0-9]([-a-zA-Z0-9]*[a-zA-Z0-9])?";
    private static final String IMAGE_DOMAIN = "(" + IMAGE_DOMAIN_COMPONENT + "([.]" + IMAGE_DOMAIN_COMPONENT + ")*"
            + "|\\[[a-fA-F0-9:]+\\])(:[0-9]+)?";
    private static final String IMAGE_PATH_COMPONENT = "[a-z0-9]+(([._]|__|-+)[a-z0-9]+)*";
    /**
     * An image reference as the kubelet parses it (github.com/distribution/reference): [domain[:port]/]path[:tag][@digest],
     * path components lowercase. Kubernetes itself only requires a non-empty image; a reference this refuses ends
     * as InvalidImageName on the node.
     */
    public static final String IMAGE = "^(" + IMAGE_DOMAIN + "/)?" + IMAGE_PATH_COMPONENT + "(/" + IMAGE_PATH_COMPONENT + ")*"
            + "(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[A-Za-z][A-Za-z0-9]*([-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$";
    public static final int IMAGE_MAX = 512;
    public static final String IMAGE_MESSAGE = "must be an image reference, [registry[:port]/]repository[:tag][@digest], "
            + "the repository in lowercase (e.g. ghcr.io/acme/shop-suite:1.2.0)";

    private Formats() {}
}
