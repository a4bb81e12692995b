package io.github.autodiff4j.samples;

import java.io.PrintStream;

/**
 * One runnable example: it prints what it computes and checks its own results, so that a sample that stops
 * working fails loudly instead of printing wrong numbers. Register new samples in {@link Samples#all()}.
 */
interface Sample {

    /**
     * The name used on the command line, lower case with dashes, e.g. {@code four-ways}.
     *
     * @return the name
     */
    String name();

    /**
     * One line saying what the sample shows, for {@code --list}.
     *
     * @return the description
     */
    String description();

    /**
     * Runs the sample, printing to {@code out}.
     *
     * @param out where to print
     * @return whether every check passed
     */
    boolean run(PrintStream out);
}
