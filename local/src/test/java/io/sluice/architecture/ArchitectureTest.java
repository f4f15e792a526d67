package io.sluice.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The module and package rules of docs/architecture.md, checked on the compiled classes of every module sluice-local
 * sees (api, model, processor, moto, runtime, client, functions, local), so a change cannot quietly re-create a
 * cycle or reach into a room it should not. infra's own rule (model and CDK only) is checked in infra's tests.
 */
class ArchitectureTest {
    /** The model's packages: no AWS clients, no runtime. */
    private static final String[] MODEL = {
        "io.sluice.catalogue..",
        "io.sluice.envelope..",
        "io.sluice.topology..",
        "io.sluice.schedule..",
        "io.sluice.lazy.."
    };
    /** What only a Lambda function runs. */
    private static final String[] RUNTIME = {"io.sluice.runtime..", "io.sluice.store..", "io.sluice.logging.."};

    private static JavaClasses sluice;

    @BeforeAll
    static void importClasses() {
        sluice = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.sluice");
    }

    @Test
    void noTopLevelAreaDependsOnItselfThroughAnother() {
        slices().matching("io.sluice.(*)..").should().beFreeOfCycles().check(sluice);
    }

    /**
     * Every package on its own, not just the top-level areas: {@code io.sluice.local} and {@code io.sluice.local.cli}
     * are two slices here, so a root class importing a command while the commands import the root is a cycle.
     */
    @Test
    void noPackageDependsOnItselfThroughAnother() {
        slices().matching("io.sluice.(**)").should().beFreeOfCycles().check(sluice);
    }

    @Test
    void theJobApiNeedsNothingButTheJdk() {
        classes()
                .that()
                .resideInAPackage("io.sluice.job..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("io.sluice.job..", "java..")
                .because("a job author compiles against the API alone: no AWS SDK, no Jackson")
                .check(sluice);
    }

    @Test
    void theModelHasNoAwsClientsAndKnowsNoRuntime() {
        noClasses()
                .that()
                .resideInAnyPackage(MODEL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("software.amazon.awssdk..", "com.amazonaws..")
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.sluice.client..",
                        "io.sluice.local..",
                        "io.sluice.moto..",
                        "io.sluice.processor..",
                        "io.sluice.functions..")
                .check(sluice);
    }

    @Test
    void theRuntimeCarriesNothingLocalNoProducerClientAndNoProcessor() {
        noClasses()
                .that()
                .resideInAnyPackage(RUNTIME)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.sluice.client..",
                        "io.sluice.local..",
                        "io.sluice.moto..",
                        "io.sluice.processor..",
                        "io.sluice.functions..",
                        "software.amazon.awssdk.services.scheduler..")
                .check(sluice);
    }

    @Test
    void theProducerClientNeedsNoRuntimeAndNoHandler() {
        noClasses()
                .that()
                .resideInAPackage("io.sluice.client..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(RUNTIME)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("io.sluice.functions..", "io.sluice.local..", "io.sluice.moto..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("io.sluice.job.JobHandler")
                .check(sluice);
    }

    @Test
    void jobTypesUseTheRuntimeButNothingLocal() {
        noClasses()
                .that()
                .resideInAPackage("io.sluice.functions..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.sluice.client..", "io.sluice.local..", "io.sluice.moto..", "io.sluice.processor..")
                .check(sluice);
    }

    @Test
    void theOperationsLibraryIsUsedOnlyByTheFacesAboveIt() {
        noClasses()
                .that()
                .resideInAnyPackage(RUNTIME)
                .or()
                .resideInAnyPackage(MODEL)
                .or()
                .resideInAnyPackage("io.sluice.client..", "io.sluice.functions..", "io.sluice.job..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.sluice.ops..")
                .because("the runtime, the client and the job types run without the operator surface;"
                        + " only the CLI, the Jobs API and the console build on it")
                .check(sluice);
    }

    @Test
    void theOperatorSideCarriesNoJobRuntime() {
        noClasses()
                .that()
                .resideInAnyPackage("io.sluice.ops..", "io.sluice.console..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.sluice.runtime..")
                .because(
                        "the Jobs API's function and the console read and act on jobs through the job store"
                                + " (sluice-store) and SQS; their jars leave the batch runtime out (jobs-api/pom.xml excludes it)")
                .check(sluice);
    }

    @Test
    void theOperationsLibraryKnowsNothingLocal() {
        noClasses()
                .that()
                .resideInAPackage("io.sluice.ops..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.sluice.local..", "io.sluice.moto..", "io.sluice.functions..")
                .because("it reaches sluice-local only through AWS APIs, exactly as it reaches AWS")
                .check(sluice);
    }

    @Test
    void theConsoleActsOnlyThroughTheOperationsLibrary() {
        noClasses()
                .that()
                .resideInAPackage("io.sluice.console..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "software.amazon.awssdk..", "io.sluice.local..", "io.sluice.moto..", "io.sluice.runtime..")
                .because("every page's data and every action goes through SluiceOperations, never around it, so the"
                        + " console shows and does what the CLI and the Jobs API do")
                .check(sluice);
    }

    @Test
    void onlySluiceLocalsCommandsStartTheConsole() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.sluice.console..", "io.sluice.local.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.sluice.console..")
                .check(sluice);
    }

    @Test
    void theProcessorIsUsedByNothing() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.sluice.processor..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.sluice.processor..")
                .check(sluice);
    }

    @Test
    void namesSayWhatAThingIs() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameContaining("Enhanced")
                .orShould()
                .haveSimpleNameEndingWith("V2")
                .check(sluice);
    }
}
