package dev.proctor.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** PRODUCT.md's layout, held on the production classes of core and the operator (read from the test classpath). */
class LayeringTest {
    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.proctor.core", "dev.proctor.operator");
    }

    @Test
    void coreDependsOnNoKubernetesQuarkusOrJosdkType() {
        Layering.coreIsPure("dev.proctor.core").check(production);
    }

    @Test
    void onlyTheDeliveryPackageTalksHttpToReceivers() {
        Layering.onlyDeliveryTalksHttp("dev.proctor.operator").check(production);
    }

    @Test
    void reconcilersHoldNoDecisionLogicThatCoreHas() {
        Layering.reconcilersDecideNothing("dev.proctor.core").check(production);
    }

    @Test
    void noPackageCycles() {
        Layering.noCycles("dev.proctor").check(production);
        Layering.noCycles("dev.proctor.core").check(production);
        Layering.noCycles("dev.proctor.operator").check(production);
    }
}
