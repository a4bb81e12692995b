import java.lang.management.ManagementFactory;
import javax.tools.ToolProvider;

/**
 * Runs javac in this JVM on the given arguments and prints the CPU milliseconds of the thread that ran it. On a
 * machine with cores to spare that is what a build waits for: the JIT compiles and the GC collects on other threads.
 */
public final class MainThreadJavac {
  public static void main(String[] args) {
    long start = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    int status = ToolProvider.getSystemJavaCompiler().run(null, null, null, args);
    System.out.println((ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - start) / 1_000_000);
    System.exit(status);
  }
}
