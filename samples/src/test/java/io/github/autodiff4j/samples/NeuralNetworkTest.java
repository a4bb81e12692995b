package io.github.autodiff4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.GradientCheck;
import io.github.autodiff4j.problems.Mlp;
import io.github.autodiff4j.problems.MlpDiff;
import java.io.StringReader;
import java.util.Arrays;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.InputSource;

/**
 * The neural-network sample's pieces, tested apart from its printed run: training reaches the accuracy within the
 * epoch budget, the generated gradient agrees with NumericDiff and with backpropagation written out by hand, the
 * allocation-free gradient equals the record form, and the SVG writer writes well-formed XML.
 */
class NeuralNetworkTest {

    private static final Spirals.DataSet DATA =
            Spirals.generate(NeuralNetwork.PER_CLASS, NeuralNetwork.NOISE, NeuralNetwork.DATA_SEED);

    private static Training.Weights start(long seed) {
        return Training.Weights.random(2, NeuralNetwork.HIDDEN, 2, NeuralNetwork.INPUT_SCALE, seed);
    }

    /** The record form's gradient, flattened. */
    private static double[] gradient(Training.Weights w) {
        return NeuralNetwork.flatten(
                NeuralNetwork.weights(MlpDiff.lossGrad(w.w1(), w.b1(), w.w2(), w.b2(), DATA.xs(), DATA.labels())));
    }

    /**
     * The sample's configuration: after {@link NeuralNetwork#EPOCHS} Adam steps the training accuracy is at least
     * {@link NeuralNetwork#ACCURACY_THRESHOLD} (95%; 100% is measured) and the loss at most a tenth of log 2 (0.016
     * is measured), from two different initial weights. About 1 s each.
     */
    @Test
    void trainingReachesTheAccuracyWithinTheEpochBudget() {
        for (long seed : new long[] {NeuralNetwork.WEIGHT_SEED, 5}) {
            Training.Weights start = start(seed);
            int[] calls = {0};
            Training.Result result = Training.train(
                    DATA, start, NeuralNetwork.EPOCHS, NeuralNetwork.LEARNING_RATE, (epoch, loss, w) -> calls[0]++);
            Training.Weights w = result.weights();
            double accuracy = Mlp.accuracy(w.w1(), w.b1(), w.w2(), w.b2(), DATA.xs(), DATA.labels());
            assertTrue(accuracy >= NeuralNetwork.ACCURACY_THRESHOLD, "seed " + seed + ": accuracy " + accuracy);
            assertTrue(result.finalLoss() <= NeuralNetwork.LOSS_LIMIT, "seed " + seed + ": " + result.finalLoss());
            assertEquals(NeuralNetwork.EPOCHS + 1, result.losses().length);
            assertEquals(NeuralNetwork.EPOCHS + 1, calls[0]);
            // The curve starts near log 2 and the recorded losses are the loss at the weights of that epoch.
            assertEquals(Math.log(2), result.losses()[0], 0.1);
            assertEquals(
                    Mlp.loss(start.w1(), start.b1(), start.w2(), start.b2(), DATA.xs(), DATA.labels()),
                    result.losses()[0],
                    0);
            assertEquals(Mlp.loss(w.w1(), w.b1(), w.w2(), w.b2(), DATA.xs(), DATA.labels()), result.finalLoss(), 0);
            // Training copies the start: the caller's weights are untouched.
            assertArrayEquals(NeuralNetwork.flatten(start(seed)), NeuralNetwork.flatten(start), 0);
        }
    }

    /**
     * At the initial weights of three seeds, 20 randomly chosen partials agree with NumericDiff to a relative
     * 1e-6 (about 1e-10 is measured; see {@link NeuralNetwork#GRADIENT_TOLERANCE} for why 1e-6 is safe).
     */
    @Test
    void gradientMatchesNumericDiffOnASample() {
        for (long seed : new long[] {1, 2, 3}) {
            Training.Weights w = start(seed);
            double[] gradient = gradient(w);
            for (int index : NeuralNetwork.sample(w.count(), NeuralNetwork.SAMPLED, seed)) {
                double numeric = NeuralNetwork.numericPartial(w, DATA, index);
                double error = NeuralNetwork.relativeError(gradient[index], numeric);
                assertTrue(
                        error <= NeuralNetwork.GRADIENT_TOLERANCE,
                        () -> "seed " + seed + ", " + w.name(index) + ": " + gradient[index] + " vs " + numeric);
            }
        }
    }

    /**
     * The generated gradient equals backpropagation written out by hand, to 1e-12 times the gradient's largest
     * entry (the two sum the same products in different orders), at random weights and at weights where the two
     * class scores tie at every point, where the processor splits the adjoint of {@code Math.max} evenly (the
     * shift by the maximum cancels in the derivative whatever the split).
     */
    @Test
    void gradientMatchesBackpropagationByHand() {
        Training.Weights random = start(4);
        Training.Weights tied = start(6);
        tied.w2()[1] = tied.w2()[0].clone();
        tied.b2()[1] = tied.b2()[0];
        for (Training.Weights w : new Training.Weights[] {random, tied}) {
            double[] expected = backpropagation(w, DATA);
            double[] actual = gradient(w);
            double scale = Arrays.stream(expected).map(Math::abs).max().orElse(1);
            assertArrayEquals(expected, actual, 1e-12 * scale);
        }
    }

    /**
     * The allocation-free form returns the loss and writes exactly the record form's gradient (tolerance 0: the
     * record form is the same code writing into new arrays), overwriting whatever the arrays held, on repeated
     * calls too; adjoint arrays of the wrong shape are refused.
     */
    @Test
    void allocationFreeGradientEqualsTheRecordForm() {
        for (long seed : new long[] {1, 2}) {
            Training.Weights w = start(seed);
            Training.Weights g = w.zeros();
            for (double[] row : g.rows()) {
                Arrays.fill(row, Double.NaN);
            }
            MlpDiff.LossGradient record = MlpDiff.lossGrad(w.w1(), w.b1(), w.w2(), w.b2(), DATA.xs(), DATA.labels());
            for (int call = 0; call < 2; call++) { // the second call must not accumulate onto the first
                double value = MlpDiff.lossGrad(
                        w.w1(), w.b1(), w.w2(), w.b2(), DATA.xs(), DATA.labels(), g.w1(), g.b1(), g.w2(), g.b2());
                assertEquals(record.value(), value, 0);
                assertEquals(Mlp.loss(w.w1(), w.b1(), w.w2(), w.b2(), DATA.xs(), DATA.labels()), value, 0);
                assertArrayEquals(NeuralNetwork.flatten(NeuralNetwork.weights(record)), NeuralNetwork.flatten(g), 0);
            }
        }
        Training.Weights w = start(1);
        Training.Weights g = w.zeros();
        assertThrows(
                IllegalArgumentException.class,
                () -> MlpDiff.lossGrad(
                        w.w1(),
                        w.b1(),
                        w.w2(),
                        w.b2(),
                        DATA.xs(),
                        DATA.labels(),
                        g.w1(),
                        new double[NeuralNetwork.HIDDEN - 1],
                        g.w2(),
                        g.b2()));
        assertThrows(
                IllegalArgumentException.class,
                () -> MlpDiff.lossGrad(
                        w.w1(),
                        w.b1(),
                        w.w2(),
                        w.b2(),
                        DATA.xs(),
                        DATA.labels(),
                        new double[NeuralNetwork.HIDDEN][3],
                        g.b1(),
                        g.w2(),
                        g.b2()));
    }

    /**
     * The generated check (reverse and forward mode against NumericDiff, the Hessian against NumericDiff's Jacobian of
     * the gradient, tolerances 1e-6) on a few points: n + n + n^2 comparisons.
     */
    @Test
    void lossCheckPassesOnAFewPoints() {
        Spirals.DataSet few = DATA.first(NeuralNetwork.CHECK_POINTS);
        for (long seed : new long[] {1, 2}) {
            Training.Weights w = start(seed);
            GradientCheck.Report report = MlpDiff.lossCheck(w.w1(), w.b1(), w.w2(), w.b2(), few.xs(), few.labels());
            assertTrue(report.passed(), report::toString);
            assertEquals(2 * w.count() + w.count() * w.count(), report.comparisons(), report::toString);
        }
    }

    /** The spirals: the requested size, classes alternating, points within the unit disc up to the noise. */
    @Test
    void spiralsAreBalancedAndDeterministic() {
        assertEquals(2 * NeuralNetwork.PER_CLASS, DATA.size());
        for (int p = 0; p < DATA.size(); p++) {
            assertEquals(p % 2, DATA.labels()[p]);
            assertTrue(Math.hypot(DATA.xs()[p][0], DATA.xs()[p][1]) < 1 + 6 * NeuralNetwork.NOISE);
        }
        Spirals.DataSet again = Spirals.generate(NeuralNetwork.PER_CLASS, NeuralNetwork.NOISE, NeuralNetwork.DATA_SEED);
        for (int p = 0; p < DATA.size(); p++) {
            assertArrayEquals(DATA.xs()[p], again.xs()[p], 0);
        }
    }

    /**
     * The chart parses as XML, has an svg root in the SVG namespace, one data polyline with a point per value
     * inside the drawing, and escaped text.
     */
    @Test
    void svgChartIsWellFormed() throws Exception {
        double[] x = {0, 1, 2, 3, 4};
        double[] y = {0.7, 0.5, 0.2, 0.1, 0.05};
        String svg = SvgChart.lineChart("a < b & \"c\"", "epoch", "loss", x, y);
        assertTrue(ChartFiles.isSvg(svg));
        Document document = DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg)));
        Element root = document.getDocumentElement();
        assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
        assertEquals("svg", root.getLocalName());
        var polylines = document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline");
        assertEquals(2, polylines.getLength()); // the axes and the data
        String[] points = ((Element) polylines.item(1)).getAttribute("points").split(" ");
        assertEquals(x.length, points.length);
        for (String point : points) {
            String[] xy = point.split(",");
            double px = Double.parseDouble(xy[0]);
            double py = Double.parseDouble(xy[1]);
            assertTrue(px >= 0 && px <= SvgChart.WIDTH && py >= 0 && py <= SvgChart.HEIGHT, point);
        }
        assertTrue(svg.contains("a &lt; b &amp; &quot;c&quot;"));
        assertThrows(IllegalArgumentException.class, () -> SvgChart.lineChart("t", "x", "y", x, new double[4]));
        assertThrows(
                IllegalArgumentException.class,
                () -> SvgChart.lineChart("t", "x", "y", new double[] {0, 1}, new double[] {0, Double.NaN}));
    }

    /**
     * Backpropagation through {@link Mlp#loss} written out by hand: for each point, the softmax minus the one-hot
     * label is the scores' adjoint; it flows to {@code w2} and {@code b2}, back through {@code w2} to the hidden
     * units, times {@code 1 - tanh^2} to {@code w1} and {@code b1}; everything divided by the number of points.
     */
    private static double[] backpropagation(Training.Weights w, Spirals.DataSet data) {
        Training.Weights g = w.zeros();
        int hiddenUnits = w.b1().length;
        int classes = w.b2().length;
        int n = data.size();
        for (int p = 0; p < n; p++) {
            double[] x = data.xs()[p];
            double[] hidden = new double[hiddenUnits];
            for (int j = 0; j < hiddenUnits; j++) {
                double a = w.b1()[j];
                for (int k = 0; k < x.length; k++) {
                    a += w.w1()[j][k] * x[k];
                }
                hidden[j] = Math.tanh(a);
            }
            double[] softmax = new double[classes];
            double largest = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                double z = w.b2()[c];
                for (int j = 0; j < hiddenUnits; j++) {
                    z += w.w2()[c][j] * hidden[j];
                }
                softmax[c] = z;
                largest = Math.max(largest, z);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                softmax[c] = Math.exp(softmax[c] - largest);
                sum += softmax[c];
            }
            double[] dHidden = new double[hiddenUnits];
            for (int c = 0; c < classes; c++) {
                double dz = (softmax[c] / sum - (c == data.labels()[p] ? 1 : 0)) / n;
                g.b2()[c] += dz;
                for (int j = 0; j < hiddenUnits; j++) {
                    g.w2()[c][j] += dz * hidden[j];
                    dHidden[j] += dz * w.w2()[c][j];
                }
            }
            for (int j = 0; j < hiddenUnits; j++) {
                double da = dHidden[j] * (1 - hidden[j] * hidden[j]);
                g.b1()[j] += da;
                for (int k = 0; k < x.length; k++) {
                    g.w1()[j][k] += da * x[k];
                }
            }
        }
        return NeuralNetwork.flatten(g);
    }
}
