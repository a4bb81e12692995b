package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every tag of {@link Message} (one example of each record, from {@link MessageCatalogueTest}) is asserted by a test: some test source other than this one spells the tag out, as
 * {@link DiagnosticsTest} does when it checks a message's text, line and column. A tag added without a test fails
 * here, by name.
 */
class MessageTagsTest {
    private static final Path TESTS = Path.of("src/test/java");
    private static final Path SELF = TESTS.resolve("io/github/autodiff4j/processor/MessageTagsTest.java");
    /** Spells every tag out to render its examples, without asserting that any is reported. */
    private static final Path CATALOGUE = TESTS.resolve("io/github/autodiff4j/processor/MessageCatalogueTest.java");

    @Test
    void everyTagIsAssertedByATest() {
        String tests = testSources();
        Set<String> untested = MessageCatalogueTest.examples().stream()
                .map(Message::render)
                .map(MessageTagsTest::bracketedTag)
                .filter(tag -> !tests.contains(tag))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(
                Set.of(),
                untested,
                "tags no test asserts; add a test in the style of DiagnosticsTest (its text, line"
                        + " and column), or remove the tag if no input can trigger it");
    }

    /** The scan finds what it looks for: a tag that tests assert is found, and a made-up one is not. */
    @Test
    void theScanSeesTestSources() {
        String tests = testSources();
        assertTrue(
                tests.contains(bracketedTag(new Message.Try().render())), "DiagnosticsTest asserts [autodiff4j:try]");
        assertTrue(!tests.contains("[autodiff4j:no-such-tag]"), "this file, which spells that tag, is not scanned");
    }

    /** {@code [autodiff4j:try]}: the tag as tests spell it out. */
    private static String bracketedTag(String rendered) {
        return rendered.substring(0, rendered.indexOf(']') + 1);
    }

    /** The text of every test source but this one, which names tags without asserting them. */
    private static String testSources() {
        try (Stream<Path> files = Files.walk(TESTS)) {
            List<Path> sources = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.equals(SELF) && !p.equals(CATALOGUE))
                    .toList();
            assertTrue(sources.size() > 10, () -> "test sources not found under " + TESTS.toAbsolutePath());
            StringBuilder text = new StringBuilder();
            for (Path source : sources) {
                text.append(Files.readString(source)).append('\n');
            }
            return text.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
