package dev.proctor.operator.run;

import io.fabric8.kubernetes.api.model.KubernetesResource;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Makes a trimmed Job or Pod as small as the same data can be on the heap, in place. A Fabric8 model object as
 * Jackson reads it carries a {@code LinkedHashMap} for unknown fields and an {@code ArrayList} for every list field,
 * almost all empty, and its own copy of every string: with 10,000 Jobs and 10,000 Pods cached that was 236,000 maps,
 * 310,000 lists and 530,000 strings, most of the operator's heap (docs/design.md, "Scale and cost").
 *
 * <p>Every model object reachable from the one given (objects of {@code io.fabric8.kubernetes.api.model} classes) gets:
 * empty lists and maps replaced by the shared immutable empty ones, lists and string maps by immutable copies (a
 * label map of 8 entries in a third of the bytes), and strings interned, so that a namespace, a label value, an
 * owner's uid or a timestamp that thousands of objects repeat is held once. Kept objects are read, never changed:
 * the caches hand them out to reconciles that only read them.
 */
final class CompactModel {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final int MAX_DEPTH = 16;
    private static final ClassValue<Field[]> FIELDS = new ClassValue<>() {
        @Override
        protected Field[] computeValue(Class<?> type) {
            List<Field> fields = new ArrayList<>();
            for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers()) || Modifier.isFinal(f.getModifiers()) || f.getType().isPrimitive()) continue;
                    f.setAccessible(true);
                    fields.add(f);
                }
            }
            return fields.toArray(Field[]::new);
        }
    };

    private CompactModel() {}

    /** Compacts {@code object} and every model object under it, in place; returns it. */
    static <T extends KubernetesResource> T inPlace(T object) {
        compactFields(object, 0);
        return object;
    }

    static boolean isModel(Object value) {
        return value instanceof KubernetesResource && value.getClass().getName().startsWith(MODEL_PACKAGE);
    }

    private static void compactFields(Object object, int depth) {
        if (depth > MAX_DEPTH) return;
        for (Field field : FIELDS.get(object.getClass())) {
            try {
                Object value = field.get(object);
                Object compacted = compact(value, depth);
                if (compacted != value) field.set(object, compacted);
            } catch (IllegalAccessException | IllegalArgumentException e) {
                // a field this cannot write (another field type than its value's) stays as Jackson made it
            }
        }
    }

    private static Object compact(Object value, int depth) {
        if (value instanceof String s) return s.intern();
        if (value instanceof List<?> list) return compactList(list, depth);
        if (value instanceof Map<?, ?> map) return compactMap(map);
        if (isModel(value)) compactFields(value, depth + 1);
        return value;
    }

    private static List<?> compactList(List<?> list, int depth) {
        if (list.isEmpty()) return List.of();
        List<Object> items = new ArrayList<>(list.size());
        for (Object item : list) {
            if (item == null) return list;
            items.add(compact(item, depth + 1));
        }
        return List.copyOf(items);
    }

    /** String-to-string maps (labels, annotations) become immutable copies; others (unknown fields' values) stay. */
    private static Map<?, ?> compactMap(Map<?, ?> map) {
        if (map.isEmpty()) return Map.of();
        Map<String, String> strings = new HashMap<>(map.size() * 2);
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String k) || !(e.getValue() instanceof String v)) return map;
            strings.put(k.intern(), v.intern());
        }
        return Map.copyOf(strings);
    }

    /** The fields compacted of a model class (its own and inherited, neither static nor final). */
    static Field[] fields(Class<?> type) {
        return FIELDS.get(type);
    }
}
