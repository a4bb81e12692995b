package io.github.autodiff4j.samples;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * Where the samples' SVG charts go: the directory named by the system property {@value #PROPERTY} if set (the
 * README's pictures are made with {@code -Dautodiff4j.charts=docs/images}), else the samples module's
 * {@code target} directory.
 */
final class ChartFiles {

    /** The system property naming the charts' directory. */
    static final String PROPERTY = "autodiff4j.charts";

    private ChartFiles() {}

    /**
     * Writes a chart, says where on {@code out}, and checks it is well-formed SVG.
     *
     * @param checks the sample's checks, to which "chart written" is added
     * @param out    where to say where it went
     * @param name   the file name, e.g. {@code four-ways-step-size.svg}
     * @param svg    the chart
     */
    static void write(Checks checks, PrintStream out, String name, String svg) {
        Path file = directory().resolve(name);
        boolean written;
        try {
            SvgChart.write(file, svg);
            out.printf("  Chart written to %s%n", file.toAbsolutePath().normalize());
            written = true;
        } catch (IOException e) {
            out.printf("  Could not write the chart %s: %s%n", file, e);
            written = false;
        }
        checks.holds("chart " + name + " written, and it parses as XML with an <svg> root", written && isSvg(svg));
    }

    /**
     * The charts' directory, which may not exist yet.
     *
     * @return the directory
     */
    static Path directory() {
        String property = System.getProperty(PROPERTY);
        return property == null || property.isBlank() ? targetDirectory() : Path.of(property);
    }

    /**
     * Whether the text parses as XML (DTDs refused) with a root element {@code svg}.
     *
     * @param text the text
     * @return whether it is an SVG document
     */
    static boolean isSvg(String text) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            Document document = factory.newDocumentBuilder().parse(new InputSource(new StringReader(text)));
            return document.getDocumentElement().getLocalName().equals("svg");
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The samples module's {@code target} directory: the parent of the directory this class was loaded from
     * ({@code target/classes}) when run from the build; otherwise {@code samples/target} or {@code target} under
     * the working directory.
     */
    private static Path targetDirectory() {
        try {
            Path classes = Path.of(ChartFiles.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            if (Files.isDirectory(classes)
                    && classes.getFileName().toString().equals("classes")
                    && classes.getParent() != null) {
                return classes.getParent();
            }
        } catch (URISyntaxException | RuntimeException e) {
            // fall through to the working directory
        }
        return Files.isDirectory(Path.of("samples")) ? Path.of("samples", "target") : Path.of("target");
    }
}
