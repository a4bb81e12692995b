package io.github.autodiff4j.processor.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.Compiler;
import com.google.testing.compile.JavaFileObjects;
import io.github.autodiff4j.processor.DifferentiableProcessor;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;

/**
 * A source compiled in memory with the processor, its classes (the user's and the generated companions) loaded.
 * Compilation must succeed without errors: a processor that reports none must generate code that compiles.
 */
public final class Compiled {
    private final Compilation compilation;
    private final ClassLoader loader;

    private Compiled(Compilation compilation, ClassLoader parent) {
        this.compilation = compilation;
        this.loader = new MemoryClassLoader(compilation, parent);
    }

    /** Compiles {@code source}, the text of class {@code qualifiedName}, and fails the test on any error. */
    public static Compiled compile(String qualifiedName, String source) {
        return succeeded(run(qualifiedName, source), Compiled.class.getClassLoader());
    }

    /** The classes of a compilation run elsewhere, which must have succeeded. */
    public static Compiled of(Compilation compilation) {
        return succeeded(compilation, Compiled.class.getClassLoader());
    }

    /** Compiles several classes together, given as name, source, name, source, ... */
    public static Compiled compileAll(String... namesAndSources) {
        return succeeded(
                Compiler.javac()
                        .withProcessors(new DifferentiableProcessor())
                        .withOptions("-parameters")
                        .compile(sources(namesAndSources)),
                Compiled.class.getClassLoader());
    }

    /** In-memory source files, given as name, source, name, source, ... */
    public static List<JavaFileObject> sources(String... namesAndSources) {
        List<JavaFileObject> files = new ArrayList<>();
        for (int i = 0; i < namesAndSources.length; i += 2) {
            files.add(JavaFileObjects.forSourceString(namesAndSources[i], namesAndSources[i + 1]));
        }
        return files;
    }

    /** Compiles against a library {@link #compileLibrary} wrote, and the runtime, as from another module or a jar. */
    public static Compiled compileAgainst(java.nio.file.Path library, String qualifiedName, String source) {
        return compileWith(List.of(library.toFile(), runtimeClasses()), qualifiedName, source);
    }

    /** Where the runtime's classes are: the class path entry of a library compiled against it. */
    public static File runtimeClasses() {
        return new File(io.github.autodiff4j.Dual.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .getPath());
    }

    public static Compiled compileWith(List<File> classpath, String qualifiedName, String source) {
        Compilation compilation = runWith(classpath, qualifiedName, source);
        URL[] urls = classpath.stream().map(Compiled::url).toArray(URL[]::new);
        return succeeded(compilation, new URLClassLoader(urls, Compiled.class.getClassLoader()));
    }

    /** Compiles against a library {@link #compileLibrary} wrote, successfully or not. */
    public static Compilation runAgainst(java.nio.file.Path library, String qualifiedName, String source) {
        return runWith(List.of(library.toFile(), runtimeClasses()), qualifiedName, source);
    }

    private static Compilation runWith(List<File> classpath, String qualifiedName, String source) {
        List<File> all = new ArrayList<>(classpath);
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            all.add(new File(entry));
        }
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .withClasspath(all)
                .compile(JavaFileObjects.forSourceString(qualifiedName, source));
    }

    private static URL url(File file) {
        try {
            return file.toURI().toURL();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Compiled succeeded(Compilation compilation, ClassLoader parent) {
        if (compilation.status() != Compilation.Status.SUCCESS) {
            String errors = compilation.diagnostics().stream()
                    .map(d -> d.getKind() + " line " + d.getLineNumber() + ": " + d.getMessage(null))
                    .collect(Collectors.joining("\n"));
            fail("compilation failed:\n" + errors);
        }
        return new Compiled(compilation, parent);
    }

    /**
     * Compiles classes without the processor, given as name, source, name, source, ...: a companion the processor wrote
     * in a compilation that failed (on another method's error) with its user class, to call what it did generate.
     */
    public static Compiled compileWithoutProcessor(String... namesAndSources) {
        return succeeded(
                Compiler.javac().withOptions("-parameters", "-proc:none").compile(sources(namesAndSources)),
                Compiled.class.getClassLoader());
    }

    /** Compiles without asserting success: for tests of diagnostics. */
    public static Compilation run(String qualifiedName, String source) {
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .compile(JavaFileObjects.forSourceString(qualifiedName, source));
    }

    /**
     * Compiles a library with the processor, asserting success, and writes its class files under {@code directory}, for
     * a later compilation to use as from another module or a jar.
     */
    public static void compileLibrary(java.nio.file.Path directory, String qualifiedName, String source)
            throws java.io.IOException {
        Compilation library = Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .compile(JavaFileObjects.forSourceString(qualifiedName, source));
        org.junit.jupiter.api.Assertions.assertEquals(
                Compilation.Status.SUCCESS, library.status(), library.diagnostics()::toString);
        writeClassFiles(library, directory);
    }

    /** Writes the class files a compilation produced under {@code directory}: a library for a later compilation. */
    public static void writeClassFiles(Compilation compilation, java.nio.file.Path directory)
            throws java.io.IOException {
        for (JavaFileObject file : compilation.generatedFiles()) {
            if (file.getKind() == JavaFileObject.Kind.CLASS) {
                String path = file.toUri().getPath();
                java.nio.file.Path target =
                        directory.resolve(path.substring(path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length()));
                java.nio.file.Files.createDirectories(target.getParent());
                try (java.io.InputStream in = file.openInputStream()) {
                    java.nio.file.Files.copy(in, target);
                }
            }
        }
    }

    /** Compiles several classes, given as name, source, name, source, ..., without asserting success. */
    public static Compilation runAll(String... namesAndSources) {
        return Compiler.javac()
                .withProcessors(new DifferentiableProcessor())
                .withOptions("-parameters")
                .compile(sources(namesAndSources));
    }

    public Class<?> load(String qualifiedName) {
        try {
            return Class.forName(qualifiedName, true, loader);
        } catch (ClassNotFoundException e) {
            throw new AssertionError("not generated: " + qualifiedName, e);
        }
    }

    /** The generated source of a companion class. */
    public String generatedSource(String qualifiedName) {
        String path = qualifiedName.replace('.', '/') + ".java";
        return compilation.generatedSourceFiles().stream()
                .filter(f -> f.toUri().getPath().endsWith(path))
                .map(Compiled::content)
                .findFirst()
                .orElseThrow(() -> new AssertionError("not generated: " + qualifiedName));
    }

    public void assertNoWarnings() {
        assertEquals(
                0,
                compilation.diagnostics().stream()
                        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
                        .count(),
                () -> compilation.diagnostics().toString());
    }

    static String content(JavaFileObject file) {
        try {
            return file.getCharContent(true).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads the class files of a compilation; everything else comes from the test's own class path. */
    private static final class MemoryClassLoader extends ClassLoader {
        private final Map<String, JavaFileObject> classes = new HashMap<>();

        MemoryClassLoader(Compilation compilation, ClassLoader parent) {
            super(parent);
            for (JavaFileObject file : compilation.generatedFiles()) {
                if (file.getKind() == JavaFileObject.Kind.CLASS) {
                    String path = file.toUri().getPath();
                    String name = path.substring(
                                    path.indexOf("/CLASS_OUTPUT/") + "/CLASS_OUTPUT/".length(),
                                    path.length() - ".class".length())
                            .replace('/', '.');
                    classes.put(name, file);
                }
            }
        }

        @Override
        protected Class<?> findClass(String name) throws ClassNotFoundException {
            JavaFileObject file = classes.get(name);
            if (file == null) {
                throw new ClassNotFoundException(name);
            }
            try (InputStream in = file.openInputStream()) {
                byte[] bytes = in.readAllBytes();
                return defineClass(name, bytes, 0, bytes.length);
            } catch (IOException e) {
                throw new ClassNotFoundException(name, e);
            }
        }
    }
}
