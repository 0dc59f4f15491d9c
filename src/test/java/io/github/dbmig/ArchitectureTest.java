package io.github.dbmig;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.codehaus.plexus.util.SelectorUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The shape of dbmig's main code, checked on the compiled classes (target/classes, tests left out): the Maven layer
 * goes through one door, the core knows nothing of Maven, packages form no cycle, no static field holds state that
 * would outlive a build under the Maven daemon, and no package grows past what a reader can take in.
 */
class ArchitectureTest {

    /** The help goal that maven-plugin-plugin generates: Maven's own code, not ours, outside every rule. */
    private static final String GENERATED_HELP_MOJO = "io.github.dbmig.dbmig_maven_plugin.HelpMojo";

    private static final int MAX_FILES_PER_PACKAGE = 20;

    /**
     * The Maven layer's exception: its 14 goals, their four base classes (AbstractGoalContext,
     * AbstractDbmigParameters, AbstractDbmigMojo, AbstractChangingMojo), their three {@code @Parameter} types
     * (DatabaseParameters, BackupParameters, RehearseParameters) and Databases, which reads those types, must stay in
     * this package: the generated plugin descriptor names the goals and types there, and Databases would make a cycle
     * with them from a sub-package. The Maven glue that knows no goal is in {@code maven.build}.
     */
    private static final Map<String, Integer> LARGER_PACKAGES = Map.of("io/github/dbmig/maven", 22);

    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("/io/github/dbmig/dbmig_maven_plugin/"))
                .importPackages("io.github.dbmig");
    }

    @Test
    void theMavenLayerReachesDbmigOnlyThroughTheApiConfigErrorsAndLog() {
        classes()
                .that()
                .resideInAPackage("io.github.dbmig.maven..")
                .should()
                .onlyDependOnClassesThat(resideOutsideOfPackage("io.github.dbmig..")
                        .or(resideInAnyPackage(
                                "io.github.dbmig.api",
                                "io.github.dbmig.config",
                                "io.github.dbmig.errors",
                                "io.github.dbmig.log",
                                "io.github.dbmig.maven..")))
                .check(main);
    }

    @Test
    void dbmigsPackagesFormNoCycle() {
        slices().matching("io.github.dbmig.(**)").should().beFreeOfCycles().check(main);
    }

    @Test
    void noStaticFieldHoldsStateThatOutlivesABuild() {
        ArchRule onlyConstants = fields().that()
                .areStatic()
                .and()
                .doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should()
                .beFinal()
                .because("the Maven daemon keeps a plugin's classes across builds: a static field that changes"
                        + " carries one build's state into the next");
        ArchRule noMutableCollections = fields().that()
                .areStatic()
                .and()
                .areFinal()
                .and()
                .haveRawType(assignableTo(Collection.class).or(assignableTo(Map.class)))
                .should(holdAnImmutableCollection())
                .because("a final field can still point to a collection or map that one build fills and the next"
                        + " one reads (the Maven daemon keeps a plugin's classes across builds)");
        CompositeArchRule.of(onlyConstants).and(noMutableCollections).check(main);
    }

    @Test
    void theCoreKnowsNothingOfMaven() {
        DescribedPredicate<JavaClass> maven = resideInAnyPackage("org.apache.maven..", "org.codehaus.plexus..")
                // config.DatabaseSelector matches globs (*, ?) as Ant and Maven do, with plexus-utils, a plain library.
                .and(DescribedPredicate.not(equivalentTo(SelectorUtils.class)));
        noClasses()
                .that()
                .resideOutsideOfPackage("io.github.dbmig.maven..")
                .should()
                .dependOnClassesThat(maven)
                .check(main);
    }

    @Test
    void noPackageHoldsMoreThanTwentySourceFiles() throws IOException {
        Path root = Path.of("src", "main", "java");
        Map<String, Long> filesPerPackage;
        try (Stream<Path> files = Files.walk(root)) {
            filesPerPackage = files.filter(file -> file.toString().endsWith(".java")
                            && !file.getFileName().toString().equals("package-info.java"))
                    .collect(Collectors.groupingBy(
                            file -> root.relativize(file.getParent()).toString().replace('\\', '/'),
                            TreeMap::new,
                            Collectors.counting()));
        }
        Map<String, Long> tooLarge = new TreeMap<>(filesPerPackage);
        tooLarge.entrySet()
                .removeIf(entry ->
                        entry.getValue() <= LARGER_PACKAGES.getOrDefault(entry.getKey(), MAX_FILES_PER_PACKAGE));
        assertEquals(Map.of(), tooLarge, "packages with more source files than allowed, of " + filesPerPackage);
    }

    /**
     * A static final collection or map is a constant only if it is declared as one of the interfaces the JDK's
     * immutable factories return ({@code List.of}, {@code Set.copyOf}, {@code Collections.unmodifiableMap}, ...)
     * and its class's static initializer builds no collection or map any other way: it constructs none (no
     * {@code new HashMap<>()}) and calls nothing else that returns one (no {@code PosixFilePermissions.fromString},
     * no {@code Collectors.toList()}).
     */
    private static ArchCondition<JavaField> holdAnImmutableCollection() {
        Set<String> immutableTypes =
                Set.of(Collection.class.getName(), List.class.getName(), Set.class.getName(), Map.class.getName());
        DescribedPredicate<JavaClass> collection =
                assignableTo(Collection.class).or(assignableTo(Map.class));
        return new ArchCondition<>("hold an immutable collection or map (List.of, Set.copyOf, ...)") {
            @Override
            public void check(JavaField field, ConditionEvents events) {
                String name = field.getOwner().getName() + "." + field.getName();
                if (!immutableTypes.contains(field.getRawType().getName())) {
                    events.add(SimpleConditionEvent.violated(
                            field, name + " is a " + field.getRawType().getName() + ", a mutable type"));
                    return;
                }
                String calls = field.getOwner().getStaticInitializer().map(JavaCodeUnit::getCallsFromSelf).stream()
                        .flatMap(Set::stream)
                        .filter(call -> call.getTarget().getName().equals("<init>")
                                ? collection.test(call.getTargetOwner())
                                : collection.test(call.getTarget().getRawReturnType())
                                        || isMutableCollector(call.getTargetOwner(), call.getName()))
                        .filter(call -> !isImmutableFactory(call.getTargetOwner(), call.getName()))
                        .sorted(Comparator.comparingInt(JavaAccess::getLineNumber))
                        .map(call -> call.getTarget().getFullName() + " ("
                                + field.getOwner().getSimpleName() + ".java:" + call.getLineNumber() + ")")
                        .collect(Collectors.joining(", "));
                if (!calls.isEmpty()) {
                    events.add(SimpleConditionEvent.violated(
                            field,
                            name + " may hold a mutable collection: its class's static initializer calls " + calls));
                }
            }
        };
    }

    private static boolean isMutableCollector(JavaClass owner, String method) {
        return owner.isEquivalentTo(Collectors.class) && !method.startsWith("toUnmodifiable");
    }

    private static boolean isImmutableFactory(JavaClass owner, String method) {
        boolean factoryOwner =
                owner.isEquivalentTo(List.class) || owner.isEquivalentTo(Set.class) || owner.isEquivalentTo(Map.class);
        boolean factory = method.equals("of") || method.equals("copyOf") || method.equals("ofEntries");
        boolean unmodifiable = owner.isEquivalentTo(Collections.class)
                && (method.startsWith("unmodifiable") || method.startsWith("empty") || method.startsWith("singleton"));
        return factoryOwner && factory || unmodifiable;
    }
}
