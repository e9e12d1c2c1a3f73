package dev.proctor.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import java.net.URL;

/**
 * The layering PRODUCT.md asks for, as ArchUnit rules. Each takes the root packages it speaks of, so that
 * {@code LayeringRulesFailTest} can show the very same rule failing on a deliberately bad fixture.
 */
final class Layering {
    /** What core must not know: Kubernetes, Quarkus (and its CDI, config and fault-tolerance stack), the Operator SDK. */
    static final String[] FRAMEWORKS = {"io.fabric8..", "io.kubernetes..", "io.quarkus..", "io.quarkiverse..",
        "io.javaoperatorsdk..", "jakarta.enterprise..", "jakarta.inject..", "org.eclipse.microprofile..", "io.smallrye.."};
    /** HTTP clients: the JDK's, and those a Quarkus application could reach for. */
    static final String[] HTTP_CLIENTS = {"java.net.http..", "org.apache.http..", "org.apache.hc..", "okhttp3..",
        "io.vertx.core.http..", "io.vertx.ext.web.client..", "io.vertx.mutiny.ext.web.client..", "jakarta.ws.rs.client..",
        "org.eclipse.microprofile.rest.client.."};

    private Layering() {}

    /** Core is pure: it depends on no Kubernetes, Quarkus or Operator SDK type. */
    static ArchRule coreIsPure(String core) {
        return noClasses().that().resideInAPackage(core + "..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS)
                .as("core (" + core + ") depends on no Kubernetes, Quarkus or JOSDK type");
    }

    /** Receivers are reached over HTTP by the delivery package only. */
    static ArchRule onlyDeliveryTalksHttp(String operator) {
        String delivery = operator + ".delivery..";
        return noClasses().that().resideInAPackage(operator + "..").and().resideOutsideOfPackage(delivery)
                .should().dependOnClassesThat().resideInAnyPackage(HTTP_CLIENTS)
                .orShould().callMethod(URL.class, "openConnection")
                .orShould().callMethod(URL.class, "openStream")
                .as("only " + delivery + " talks HTTP to receivers");
    }

    /**
     * A reconciler reads, calls core's deciders and writes: it calls core only through the static methods of a
     * {@code *Decider}, and builds no core value but a decider's {@code Input}. Calling a rule of core directly
     * ({@code SlaGate.enforce}, {@code VerdictMerger.merge}…) or building a core result ({@code new Decision(…)}) means
     * it decides something core decides.
     */
    static ArchRule reconcilersDecideNothing(String core) {
        return classes().that().implement(Reconciler.class).and().doNotHaveModifier(JavaModifier.ABSTRACT)
                .should(callCoreOnlyThroughDeciders(core))
                .as("reconcilers hold no decision logic that core (" + core + ") has");
    }

    /** No package cycles, between the modules' packages or inside core and the operator. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().as("no cycles between the packages of " + root);
    }

    private static ArchCondition<JavaClass> callCoreOnlyThroughDeciders(String core) {
        return new ArchCondition<>("call core only through its deciders") {
            @Override
            public void check(JavaClass reconciler, ConditionEvents events) {
                for (JavaAccess<?> access : reconciler.getAccessesFromSelf()) {
                    JavaClass target = access.getTargetOwner();
                    String pkg = target.getPackageName();
                    if (!pkg.equals(core) && !pkg.startsWith(core + ".")) continue;
                    String why = null;
                    if (access instanceof JavaConstructorCall && !isDeciderInput(target)) {
                        why = "builds " + target.getName();
                    } else if (access instanceof JavaMethodCall call && call.getTarget().resolveMember()
                            .map(m -> m.getModifiers().contains(JavaModifier.STATIC)).orElse(false) && !isDecider(target)) {
                        why = "calls the rule " + target.getSimpleName() + "." + call.getName();
                    }
                    if (why != null) events.add(SimpleConditionEvent.violated(access, reconciler.getSimpleName() + " " + why
                            + " itself in " + access.getSourceCodeLocation()));
                }
            }
        };
    }

    private static boolean isDecider(JavaClass c) {
        return c.getSimpleName().endsWith("Decider");
    }

    private static boolean isDeciderInput(JavaClass c) {
        return c.getSimpleName().equals("Input") && c.getEnclosingClass().map(Layering::isDecider).orElse(false);
    }
}
