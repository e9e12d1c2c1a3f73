package dev.proctor.operator.api.v1alpha1.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import dev.proctor.operator.api.v1alpha1.ArtifactsSpec;
import dev.proctor.operator.api.v1alpha1.EnvironmentSpec;
import dev.proctor.operator.api.v1alpha1.RunnerSpec;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.kubernetes.api.model.Quantity;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The schema mirrors describe the JSON of the Fabric8 types the API classes hold: every property a mirror declares
 * exists, with a compatible JSON type, on the Fabric8 class it stands for (recursively). A mirror may leave
 * properties out (the API server prunes them), but a misspelt or invented one would validate a field Kubernetes
 * never sees.
 */
class SchemaMirrorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyMirrorPropertyExistsOnTheFabric8TypeWithTheSameJsonShape() {
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (Class<?> api : List.of(RunnerSpec.class, EnvironmentSpec.class, EnvironmentSpec.SecretEnv.class, ArtifactsSpec.class)) {
            for (Field field : api.getFields()) {
                SchemaFrom from = field.getAnnotation(SchemaFrom.class);
                if (from == null) continue;
                JavaType model = JSON.constructType(field.getGenericType());
                JavaType mirror = JSON.constructType(from.type());
                checked += compare(api.getSimpleName() + "." + field.getName(), mirror, model, problems);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(checked).as("mirror properties checked").isGreaterThan(150);
    }

    private int compare(String path, JavaType mirror, JavaType model, List<String> problems) {
        if (mirror.isArrayType() || mirror.isCollectionLikeType()) {
            if (!(model.isArrayType() || model.isCollectionLikeType())) {
                problems.add(path + ": a list in the mirror, " + model + " in the model");
                return 1;
            }
            return compare(path + "[]", mirror.getContentType(), model.getContentType(), problems);
        }
        if (mirror.isMapLikeType()) {
            if (!model.isMapLikeType()) {
                problems.add(path + ": a map in the mirror, " + model + " in the model");
                return 1;
            }
            return compare(path + "{}", mirror.getContentType(), model.getContentType(), problems);
        }
        String mirrorShape = shape(mirror);
        String modelShape = shape(model);
        if (!mirrorShape.equals("object")) {
            // a mirror may type a quantity as a string where integers are not wanted (an emptyDir's sizeLimit)
            boolean narrowedQuantity = mirrorShape.equals("string") && modelShape.equals("int-or-string");
            if (!mirrorShape.equals(modelShape) && !narrowedQuantity) {
                problems.add(path + ": " + mirrorShape + " in the mirror, " + modelShape + " (" + model + ") in the model");
            }
            return 1;
        }
        if (!modelShape.equals("object")) {
            problems.add(path + ": an object in the mirror, " + modelShape + " in the model");
            return 1;
        }
        // a mirror may spell out the keys a map may have (a claim's requests: storage)
        Map<String, JavaType> modelProperties = model.isMapLikeType() ? null : properties(model);
        int checked = 1;
        for (Map.Entry<String, JavaType> property : properties(mirror).entrySet()) {
            JavaType modelProperty = modelProperties == null ? model.getContentType() : modelProperties.get(property.getKey());
            if (modelProperty == null) {
                problems.add(path + "." + property.getKey() + ": not a property of " + model.getRawClass().getName());
                continue;
            }
            checked += compare(path + "." + property.getKey(), property.getValue(), modelProperty, problems);
        }
        return checked;
    }

    private static Map<String, JavaType> properties(JavaType type) {
        Map<String, JavaType> properties = new TreeMap<>();
        for (BeanPropertyDefinition property : JSON.getSerializationConfig().introspect(type).findProperties()) {
            if (property.getPrimaryType() != null) properties.put(property.getName(), property.getPrimaryType());
        }
        return properties;
    }

    private static String shape(JavaType type) {
        Class<?> raw = type.getRawClass();
        if (raw == Quantity.class || raw == io.fabric8.kubernetes.api.model.IntOrString.class) return "int-or-string";
        if (raw == String.class || raw.isEnum()) return "string";
        if (Stream.of(Integer.class, Long.class, int.class, long.class).anyMatch(raw::equals)) return "integer";
        if (raw == Boolean.class || raw == boolean.class) return "boolean";
        return "object";
    }
}
