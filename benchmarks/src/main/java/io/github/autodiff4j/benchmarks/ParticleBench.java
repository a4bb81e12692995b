package io.github.autodiff4j.benchmarks;

import io.github.autodiff4j.Differentiable;
import io.github.autodiff4j.NumericDiff;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Records against arrays: the same N-body simulation ({@link #BODIES} bodies under softened mutual gravity,
 * {@link #STEPS} velocity Verlet steps, then {@code sum_i m_i (|x_i|^2 + |v_i|^2)}) written once with
 * {@code record Vec3} and its methods ({@link #recordEnergy}) and once on flat
 * {@code double[]}s of 3n coordinates ({@link #arrayEnergy}), the same arithmetic in the
 * same order, so both return the same bits. For each layout: the function, the generated gradient (record form: the
 * record version's partials come back as {@code Vec3[]}) and, for the arrays, the allocation-free form. Run with
 * {@code -prof gc} for the bytes allocated per call; {@link ParticleRatios} prints the table from JMH's JSON.
 *
 * <p>The profile: one fork, 10 warm-up and 5 measured iterations of 1 s. With the quick profile of the other classes
 * (3 + 5 of 0.5 s) the gradients were still being compiled while measured: one iteration of the array gradient took
 * 42 us and the ones before it 350 to 620 us.
 */
@BenchmarkMode(Mode.AverageTime)
@Fork(value = 1, jvmArgsAppend = Peers.YOUNG_GENERATION)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ParticleBench {

    static final int BODIES = 8;
    static final int STEPS = 20;
    static final double DT = 0.01;
    static final double SOFTENING = 1e-2;

    /**
     * A vector in space.
     *
     * @param x the first coordinate
     * @param y the second coordinate
     * @param z the third coordinate
     */
    public record Vec3(double x, double y, double z) {
        static final Vec3 ZERO = new Vec3(0, 0, 0);

        Vec3 plus(Vec3 o) {
            return new Vec3(x + o.x, y + o.y, z + o.z);
        }

        Vec3 minus(Vec3 o) {
            return new Vec3(x - o.x, y - o.y, z - o.z);
        }

        Vec3 scale(double s) {
            return new Vec3(s * x, s * y, s * z);
        }

        double dot(Vec3 o) {
            return x * o.x + y * o.y + z * o.z;
        }

        double norm() {
            return Math.sqrt(dot(this));
        }
    }

    Vec3[] position = new Vec3[BODIES];
    Vec3[] velocity = new Vec3[BODIES];
    double[] mass = new double[BODIES];
    double[] flatPosition = new double[3 * BODIES];
    double[] flatVelocity = new double[3 * BODIES];
    double[] dPosition = new double[3 * BODIES];
    double[] dVelocity = new double[3 * BODIES];
    double[] dMass = new double[BODIES];

    /**
     * The record version: velocity Verlet on {@code Vec3[]}.
     *
     * @param position the initial positions
     * @param velocity the initial velocities
     * @param mass     the masses
     * @param steps    the number of steps
     * @return {@code sum_i m_i (|x_i|^2 + |v_i|^2)} at the end
     */
    @Differentiable
    static double recordEnergy(Vec3[] position, Vec3[] velocity, double[] mass, int steps) {
        int n = position.length;
        double h = DT;
        Vec3[] x = new Vec3[n];
        Vec3[] v = new Vec3[n];
        Vec3[] a = new Vec3[n];
        for (int i = 0; i < n; i++) {
            x[i] = position[i];
            v[i] = velocity[i];
        }
        accelerations(x, mass, a);
        for (int step = 0; step < steps; step++) {
            for (int i = 0; i < n; i++) {
                v[i] = v[i].plus(a[i].scale(0.5 * h));
                x[i] = x[i].plus(v[i].scale(h));
            }
            accelerations(x, mass, a);
            for (int i = 0; i < n; i++) {
                v[i] = v[i].plus(a[i].scale(0.5 * h));
            }
        }
        double e = 0;
        for (int i = 0; i < n; i++) {
            e += mass[i] * (x[i].dot(x[i]) + v[i].dot(v[i]));
        }
        return e;
    }

    static void accelerations(Vec3[] x, double[] mass, Vec3[] a) {
        for (int i = 0; i < x.length; i++) {
            Vec3 sum = Vec3.ZERO;
            for (int j = 0; j < x.length; j++) {
                if (j != i) {
                    Vec3 d = x[j].minus(x[i]);
                    double r2 = d.dot(d) + SOFTENING;
                    sum = sum.plus(d.scale(mass[j] / (r2 * Math.sqrt(r2))));
                }
            }
            a[i] = sum;
        }
    }

    /**
     * The array version: the same steps on flat arrays, body i at entries 3i, 3i + 1, 3i + 2.
     *
     * @param position the initial positions, 3n entries
     * @param velocity the initial velocities, 3n entries
     * @param mass     the masses
     * @param steps    the number of steps
     * @return {@code sum_i m_i (|x_i|^2 + |v_i|^2)} at the end
     */
    @Differentiable
    static double arrayEnergy(double[] position, double[] velocity, double[] mass, int steps) {
        int n = mass.length;
        double h = DT;
        double[] x = new double[3 * n];
        double[] v = new double[3 * n];
        double[] a = new double[3 * n];
        for (int k = 0; k < 3 * n; k++) {
            x[k] = position[k];
            v[k] = velocity[k];
        }
        arrayAccelerations(x, mass, a);
        for (int step = 0; step < steps; step++) {
            for (int k = 0; k < 3 * n; k++) {
                v[k] = v[k] + 0.5 * h * a[k];
                x[k] = x[k] + h * v[k];
            }
            arrayAccelerations(x, mass, a);
            for (int k = 0; k < 3 * n; k++) {
                v[k] = v[k] + 0.5 * h * a[k];
            }
        }
        double e = 0;
        for (int i = 0; i < n; i++) {
            double xx = x[3 * i] * x[3 * i] + x[3 * i + 1] * x[3 * i + 1] + x[3 * i + 2] * x[3 * i + 2];
            double vv = v[3 * i] * v[3 * i] + v[3 * i + 1] * v[3 * i + 1] + v[3 * i + 2] * v[3 * i + 2];
            e += mass[i] * (xx + vv);
        }
        return e;
    }

    static void arrayAccelerations(double[] x, double[] mass, double[] a) {
        int n = mass.length;
        for (int i = 0; i < n; i++) {
            double sx = 0;
            double sy = 0;
            double sz = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    double dx = x[3 * j] - x[3 * i];
                    double dy = x[3 * j + 1] - x[3 * i + 1];
                    double dz = x[3 * j + 2] - x[3 * i + 2];
                    double r2 = dx * dx + dy * dy + dz * dz + SOFTENING;
                    double s = mass[j] / (r2 * Math.sqrt(r2));
                    sx = sx + s * dx;
                    sy = sy + s * dy;
                    sz = sz + s * dz;
                }
            }
            a[3 * i] = sx;
            a[3 * i + 1] = sy;
            a[3 * i + 2] = sz;
        }
    }

    /**
     * Places the bodies (seeded), and checks that both layouts give the same value and gradient, and the gradient
     * NumericDiff's.
     *
     * @param params the trial's parameters
     */
    @Setup
    public void setUp(BenchmarkParams params) {
        java.util.Random random = new java.util.Random(14);
        for (int i = 0; i < BODIES; i++) {
            position[i] = new Vec3(random.nextGaussian(), random.nextGaussian(), random.nextGaussian());
            velocity[i] =
                    new Vec3(0.3 * random.nextGaussian(), 0.3 * random.nextGaussian(), 0.3 * random.nextGaussian());
            mass[i] = 0.5 + random.nextDouble();
            flatPosition[3 * i] = position[i].x();
            flatPosition[3 * i + 1] = position[i].y();
            flatPosition[3 * i + 2] = position[i].z();
            flatVelocity[3 * i] = velocity[i].x();
            flatVelocity[3 * i + 1] = velocity[i].y();
            flatVelocity[3 * i + 2] = velocity[i].z();
        }
        check();
    }

    void check() {
        double value = arrayEnergy(flatPosition, flatVelocity, mass, STEPS);
        Peers.check("record function = array function", value, recordEnergy(position, velocity, mass, STEPS), 0);
        ParticleBenchDiff.RecordEnergyGradient r = ParticleBenchDiff.recordEnergyGrad(position, velocity, mass, STEPS);
        double[] recordGradient = concat(flatten(r.position()), flatten(r.velocity()), r.mass());
        double inPlace =
                ParticleBenchDiff.arrayEnergyGrad(flatPosition, flatVelocity, mass, STEPS, dPosition, dVelocity, dMass);
        Peers.check("in-place value", value, inPlace, 0);
        double[] arrayGradient = concat(dPosition, dVelocity, dMass);
        Peers.check("record gradient = array gradient", arrayGradient, recordGradient, 1e-13);
        ParticleBenchDiff.ArrayEnergyGradient a =
                ParticleBenchDiff.arrayEnergyGrad(flatPosition, flatVelocity, mass, STEPS);
        Peers.check("array gradient, record form", arrayGradient, concat(a.position(), a.velocity(), a.mass()), 0);
        double[] numeric = NumericDiff.gradient(p -> arrayEnergy(p, flatVelocity, mass, STEPS), flatPosition);
        Peers.check("array gradient = NumericDiff", numeric, dPosition, 1e-7);
    }

    private static double[] flatten(Vec3[] v) {
        double[] out = new double[3 * v.length];
        for (int i = 0; i < v.length; i++) {
            out[3 * i] = v[i].x();
            out[3 * i + 1] = v[i].y();
            out[3 * i + 2] = v[i].z();
        }
        return out;
    }

    private static double[] concat(double[]... parts) {
        return java.util.Arrays.stream(parts)
                .flatMapToDouble(java.util.Arrays::stream)
                .toArray();
    }

    @Benchmark
    public double recordFunction() {
        return recordEnergy(position, velocity, mass, STEPS);
    }

    @Benchmark
    public ParticleBenchDiff.RecordEnergyGradient recordGradient() {
        return ParticleBenchDiff.recordEnergyGrad(position, velocity, mass, STEPS);
    }

    @Benchmark
    public double arrayFunction() {
        return arrayEnergy(flatPosition, flatVelocity, mass, STEPS);
    }

    @Benchmark
    public ParticleBenchDiff.ArrayEnergyGradient arrayGradient() {
        return ParticleBenchDiff.arrayEnergyGrad(flatPosition, flatVelocity, mass, STEPS);
    }

    @Benchmark
    public double arrayGradientInPlace() {
        return ParticleBenchDiff.arrayEnergyGrad(flatPosition, flatVelocity, mass, STEPS, dPosition, dVelocity, dMass);
    }
}
