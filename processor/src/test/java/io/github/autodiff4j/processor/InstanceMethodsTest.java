package io.github.autodiff4j.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.github.autodiff4j.processor.testing.Compiled;
import io.github.autodiff4j.processor.testing.ScalarFunction;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Instance methods: the receiver is the generated members' first parameter and a constant; fields (private ones
 * included) are read as constants; calls of the object's other methods are differentiated through. Derivatives are
 * checked against NumericDiff (tolerances in ScalarFunction) and closed forms (1e-12 relative).
 */
class InstanceMethodsTest {
    private static Compiled compiled;
    private static Object model;

    @BeforeAll
    static void compile() throws Exception {
        compiled = Compiled.compile("demo.Model", """
        package demo;
        import io.github.autodiff4j.Differentiable;
        public class Model {
          private final double[] weights;
          final double bias;
          private double scale = 2.0;

          public Model(double[] weights, double bias) {
            this.weights = weights;
            this.bias = bias;
          }

          @Differentiable
          public double predict(double[] x) {
            double z = bias;
            for (int i = 0; i < weights.length; i++) {
              z += weights[i] * x[i];
            }
            return activation(z) * this.scale;
          }

          @Differentiable
          double loss(double[] x, double target) {
            double error = predict(x) - target;
            return 0.5 * error * error;
          }

          private double activation(double z) {
            return Math.tanh(z);
          }
        }
        """);
        model = compiled.load("demo.Model")
                .getConstructor(double[].class, double.class)
                .newInstance(new double[] {0.5, -1.5, 2.0}, 0.25);
    }

    @Test
    void receiverIsTheFirstParameterAndHasNoGradientComponent() throws Exception {
        Class<?> companion = compiled.load("demo.ModelDiff");
        Method grad = companion.getMethod("predictGrad", compiled.load("demo.Model"), double[].class);
        assertEquals(true, Modifier.isStatic(grad.getModifiers()));
        assertEquals(2, grad.getReturnType().getRecordComponents().length, "value and x only");
    }

    @Test
    void derivativesOfAnInstanceMethodReadingPrivateFields() {
        double[] x = {0.3, -0.2, 0.1};
        ScalarFunction predict = new ScalarFunction(compiled, "demo.Model", "predict");
        predict.assertDerivatives(model, x);
        // d/dx_i of 2 tanh(b + w.x) = 2 (1 - tanh^2) w_i.
        double z = 0.25 + 0.5 * 0.3 - 1.5 * -0.2 + 2.0 * 0.1;
        double[] w = {0.5, -1.5, 2.0};
        double[] gradient = predict.gradient(model, x);
        for (int i = 0; i < 3; i++) {
            double exact = 2 * (1 - Math.tanh(z) * Math.tanh(z)) * w[i];
            assertEquals(exact, gradient[i], 1e-12 * Math.abs(exact), "d/dx" + i);
        }
    }

    @Test
    void derivativesThroughAnotherInstanceMethod() {
        new ScalarFunction(compiled, "demo.Model", "loss").assertDerivatives(model, new double[] {0.3, -0.2, 0.1}, 0.7);
    }
}
