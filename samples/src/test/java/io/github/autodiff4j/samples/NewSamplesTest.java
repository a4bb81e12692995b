package io.github.autodiff4j.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.autodiff4j.NumericDiff;
import java.io.StringReader;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

/**
 * The samples of issue 7 (the symbolic differentiator and the step-size V, conjugate gradient, curve fitting, option
 * Greeks) and the charts, pinned with figures computed here or taken from textbooks, not from the samples' output.
 */
class NewSamplesTest {

    /** The rules give 0*x + 2*1 + (1*x + x*1); simplified 2 + 2*x; e^x sin x differentiates by the product rule. */
    @Test
    void symbolicDerivatives() {
        assertEquals("2 + 2*x", FourWays.F.derivative().simplify().toString());
        assertEquals(
                "exp(x)*sin(x) + exp(x)*cos(x)",
                FourWays.WAVE.derivative().simplify().toString());
        Expression second = FourWays.WAVE.derivative().derivative().simplify();
        for (double x : new double[] {-2, 0, 0.5, 3}) {
            assertEquals(2 * Math.exp(x) * Math.cos(x), second.at(x), 1e-13 * Math.max(1, Math.exp(x)));
            assertEquals(
                    NumericDiff.derivative(Polynomial::wave, x),
                    FourWays.WAVE.derivative().at(x),
                    1e-9 * Math.max(1, Math.exp(x)));
        }
    }

    /**
     * The V: at h = 1e-2 truncation rules (error h^2 |f'''| / 6 / |f'| to within 1%), at h = 1e-12 rounding (error
     * far above truncation), and the best step lies between 1e-7 and 1e-4 with error below 1e-9.
     */
    @Test
    void stepSizeErrorsFormAV() {
        FourWays.StepSizeErrors v = FourWays.StepSizeErrors.measure();
        assertEquals(Math.exp(1) * (Math.sin(1) + Math.cos(1)), v.exact(), 1e-15 * v.exact());
        int h2 = 8; // 10^(-8/4)
        assertEquals(1e-2, v.steps()[h2], 1e-17);
        assertEquals(v.truncation()[h2], v.errors()[h2], 0.01 * v.truncation()[h2]);
        int h12 = 48;
        assertTrue(v.errors()[h12] > 1e6 * v.truncation()[h12]);
        assertTrue(v.steps()[v.best()] > 1e-7 && v.steps()[v.best()] < 1e-4, () -> "best " + v.steps()[v.best()]);
        assertTrue(v.errors()[v.best()] < 1e-9);
        assertTrue(v.generatedError() <= 4 * FourWays.UNIT_ROUNDOFF);
    }

    /** The same optimiser converges with both gradients; the generated one gets far closer for far fewer calls. */
    @Test
    void conjugateGradientComparison() {
        double[] start = RosenbrockN.classicStart(ConjugateGradient.N);
        var exact = ConjugateGradient.Run.minimise("exact", ConjugateGradient::generatedGradient, start, 0);
        var finite = ConjugateGradient.Run.minimise(
                "fd", ConjugateGradient::centralDifferences, start, 2 * ConjugateGradient.N);
        assertTrue(exact.converged && finite.converged);
        for (double xi : exact.point) {
            assertEquals(1, xi, 1e-8);
        }
        assertTrue(exact.value < 1e-16 && exact.value < finite.value);
        assertTrue(exact.functionCalls * 10 < finite.functionCalls);
        assertArrayEquals(
                NumericDiff.gradient(RosenbrockN::rosenbrock, start),
                ConjugateGradient.centralDifferences(start),
                1e-4);
    }

    /** The generated Jacobian of the damped oscillation by hand: d/dA, d/dlambda, d/domega, d/dphi. */
    @Test
    void dampedOscillationJacobianByHand() {
        double[] p = {1.7, 0.4, 3.1, -0.6};
        double[] t = {0, 0.3, 1.1, 4.2};
        double[][] jacobian = DampedOscillationDiff.curveJacobian(p, t);
        for (int i = 0; i < t.length; i++) {
            double decay = Math.exp(-p[1] * t[i]);
            double phase = p[2] * t[i] + p[3];
            double[] byHand = {
                decay * Math.cos(phase),
                -t[i] * p[0] * decay * Math.cos(phase),
                -t[i] * p[0] * decay * Math.sin(phase),
                -p[0] * decay * Math.sin(phase)
            };
            assertArrayEquals(byHand, jacobian[i], 1e-14, "row " + i);
        }
    }

    /** The fitted parameters lie within 4 standard errors of the truth; the residuals are orthogonal to J. */
    @Test
    void curveFitRecoversTheParameters() {
        double[] t = CurveFit.times();
        double[] y = CurveFit.measurements(t);
        double[] noiseFree = DampedOscillation.curve(CurveFit.TRUE, t);
        double sum = 0;
        for (int i = 0; i < t.length; i++) {
            sum += (y[i] - noiseFree[i]) * (y[i] - noiseFree[i]);
        }
        assertEquals(CurveFit.NOISE, Math.sqrt(sum / t.length), 0.25 * CurveFit.NOISE); // the data are noisy
        assertTrue(new CurveFit().run(new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    }

    /**
     * Hull's textbook example (Options, Futures and Other Derivatives, example 15.6): S = 42, K = 40, r = 10%,
     * vol = 20%, T = 0.5 gives a call worth 4.76; the Greeks of a call have the textbook signs.
     */
    @Test
    void blackScholesTextbookPrice() {
        assertEquals(4.76, BlackScholes.call(42, 0.2, 0.1, 0.5, 40), 0.005);
        double[] generated = OptionGreeks.generated(105, 1);
        double[] closedForm = OptionGreeks.closedForm(105, 1);
        assertArrayEquals(closedForm, generated, 1e-12 * 40);
        // Delta between 0 and 1, gamma and vega positive, theta negative for a call on a non-dividend stock.
        assertTrue(generated[0] > 0 && generated[0] < 1 && generated[4] > 0 && generated[1] > 0 && generated[3] < 0);
    }

    /** A log-log chart: decade ticks as powers of ten, a legend entry per series, non-positive values left out. */
    @Test
    void logChartWithLegend() throws Exception {
        String svg = SvgChart.chart(
                "t",
                "h",
                true,
                "error",
                true,
                List.of(
                        SvgChart.Series.line("first", new double[] {1e-3, 1e-2, 1e-1}, new double[] {1e-8, 0, 1e-6}),
                        new SvgChart.Series(
                                "second", new double[] {1e-3, 1e-1}, new double[] {1e-7, 1e-7}, true, true)));
        Document document = DocumentBuilderFactory.newDefaultNSInstance()
                .newDocumentBuilder()
                .parse(new InputSource(new StringReader(svg)));
        assertEquals("svg", document.getDocumentElement().getLocalName());
        assertTrue(svg.contains(">first</text>") && svg.contains(">second</text>"));
        assertTrue(svg.contains("10<tspan dy=\"-6\" font-size=\"9\">\u22123</tspan>"));
        // "first" breaks at its 0 into two runs of one point each; "second" is one run; plus the axes.
        assertEquals(
                4,
                document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline")
                        .getLength());
        assertThrows(
                IllegalArgumentException.class,
                () -> SvgChart.chart(
                        "t",
                        "x",
                        true,
                        "y",
                        true,
                        List.of(SvgChart.Series.line("zeros", new double[] {0, 0}, new double[] {0, 0}))));
    }
}
