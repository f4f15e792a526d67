package io.sluice.infra.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CDK app's rule: it builds resources from the model alone (catalogue, topology, the SLUICE_* contract), never
 * from the runtime, the producer client or sluice-local, and its own packages form no cycle.
 */
class InfraArchitectureTest {
    private static JavaClasses infra;

    @BeforeAll
    static void importClasses() {
        infra = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sluice.infra");
    }

    @Test
    void infraUsesTheModelButNoRuntimeClientOrLocalClass() {
        noClasses()
                .that()
                .resideInAPackage("io.sluice.infra..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.sluice.runtime..",
                        "io.sluice.store..",
                        "io.sluice.logging..",
                        "io.sluice.client..",
                        "io.sluice.local..",
                        "io.sluice.moto..",
                        "io.sluice.functions..",
                        "software.amazon.awssdk..")
                .check(infra);
    }

    @Test
    void infrasPackagesFormNoCycle() {
        slices().matching("io.sluice.infra.(*)..").should().beFreeOfCycles().check(infra);
    }
}
