package io.github.autodiff4j.processor;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
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
 * only the front end touches javac: its trees, its elements and types ({@code javax.lang.model}), its diagnostics. The
 * later stages hold what the front end read as values ({@code ir.MethodRef}, {@code ir.FieldRef}, JavaPoet's type
 * names) and opaque handles ({@code Origin.Position}, {@code MethodRef.Handle}) that only the front end opens.
 *
 * <p>The inliner, which needs callee bodies and rules while it works, asks for them through {@code transform.Callees},
 * an interface of its own that the driver implements over the front end; it hands what it cannot inline back as
 * {@code transform.InlineProblem}s, which the driver reports.
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
    /** JavaPoet's builders take javac's {@code Modifier} enum: a value of the language, not javac's state. */
    private static final String JAVAPOET_MODIFIER = "javax.lang.model.element.Modifier";

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

    @Test
    void onlyTheFrontEndTouchesJavac() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT, PARSE)
                .should()
                .dependOnClassesThat(resideInAnyPackage("javax.lang.model..", "com.sun.source..", "com.sun.tools..")
                        .and(not(name(JAVAPOET_MODIFIER))))
                .check(classes);
    }
}
