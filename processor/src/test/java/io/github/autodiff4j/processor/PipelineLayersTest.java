package io.github.autodiff4j.processor;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The packages follow the pipeline: {@code parse} (the front end, with the processor's own package, which runs the
 * stages) reads javac's trees into the IR; {@code analysis}, {@code transform} and {@code simplify} work on the IR;
 * {@code emit} writes it out. {@code ir} (the IR, its algebra and the derivative rule table) and {@code model}
 * (signatures, names, the derivative code of a method) are what the stages share. No stage imports a later one, and
 * only the front end reads javac's trees.
 *
 * <p>One class still runs against it: {@code transform.Inliner} loads callee bodies through the front end while it
 * inlines, and reports what it cannot inline. It is excluded here by name, so that no other class can join it.
 */
class PipelineLayersTest {
    private static final String ROOT = "io.github.autodiff4j.processor";
    private static final String IR = ROOT + ".ir..";
    private static final String MODEL = ROOT + ".model..";
    private static final String PARSE = ROOT + ".parse..";
    private static final String ANALYSIS = ROOT + ".analysis..";
    private static final String SIMPLIFY = ROOT + ".simplify..";
    private static final String TRANSFORM = ROOT + ".transform..";
    private static final String EMIT = ROOT + ".emit..";
    private static final String INLINER = ".*\\.transform\\.Inliner(\\$.*)?";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theIrDependsOnNoStage() {
        noClasses()
                .that()
                .resideInAPackage(IR)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT, MODEL, PARSE, ANALYSIS, SIMPLIFY, TRANSFORM, EMIT)
                .check(classes);
    }

    @Test
    void theModelDependsOnTheIrOnly() {
        noClasses()
                .that()
                .resideInAPackage(MODEL)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT, PARSE, ANALYSIS, SIMPLIFY, TRANSFORM, EMIT)
                .check(classes);
    }

    @Test
    void theFrontEndDependsOnNoLaterStage() {
        noClasses()
                .that()
                .resideInAPackage(PARSE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ANALYSIS, SIMPLIFY, TRANSFORM, EMIT)
                .check(classes);
    }

    @Test
    void analysesAndSimplificationsDependOnTheIrOnly() {
        noClasses()
                .that()
                .resideInAnyPackage(ANALYSIS, SIMPLIFY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT, MODEL, PARSE, TRANSFORM, EMIT)
                .check(classes);
    }

    @Test
    void transformsDependOnNeitherTheFrontNorTheBackEnd() {
        noClasses()
                .that()
                .resideInAPackage(TRANSFORM)
                .and()
                .haveNameNotMatching(INLINER)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT, PARSE, EMIT)
                .check(classes);
    }

    @Test
    void theBackEndDependsOnTheModelAndTheIrOnly() {
        noClasses()
                .that()
                .resideInAPackage(EMIT)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT, PARSE, ANALYSIS, SIMPLIFY, TRANSFORM)
                .check(classes);
    }

    /** {@code ir.Origin} keeps the tree path a diagnostic points at, as an opaque handle. */
    @Test
    void onlyTheFrontEndReadsJavacTrees() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT, PARSE)
                .and()
                .haveNameNotMatching(".*\\.ir\\.Origin")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.sun.source..", "com.sun.tools..")
                .check(classes);
    }
}
