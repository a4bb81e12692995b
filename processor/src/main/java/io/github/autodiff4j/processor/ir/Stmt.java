package io.github.autodiff4j.processor.ir;

import java.util.List;

/**
 * A statement of the IR: structured control flow as Java has it, so that forward mode keeps the user's structure.
 * Every loop and switch carries a label, and every break and continue names its target, so transforms never have to
 * work out what an unlabelled {@code break} means.
 */
public sealed interface Stmt {

    Origin origin();

    /** {@code target = value}. The emitter declares the target where its scope begins. */
    record Assign(Var target, Expr value, Origin origin) implements Stmt {}

    /**
     * {@code array[index] = value}, where the array is a variable or a row of one ({@code m[i][j] = value}).
     */
    record Store(Expr array, Expr index, Expr value, Origin origin) implements Stmt {
        /** The variable the stored-to array belongs to. */
        public Var base() {
            return Exprs.base(array);
        }
    }

    record If(Expr condition, List<Stmt> then, List<Stmt> otherwise, Origin origin) implements Stmt {
        public If {
            then = List.copyOf(then);
            otherwise = List.copyOf(otherwise);
        }
    }

    /**
     * Every loop form: {@code while} and {@code for} test first, {@code do} tests last; {@code continue} runs the update.
     *
     * @param condition the loop's condition; a literal true for a loop that exits only by break or return
     */
    record Loop(String label, Expr condition, List<Stmt> body, List<Stmt> update, boolean testFirst, Origin origin)
            implements Stmt {
        public Loop {
            body = List.copyOf(body);
            update = List.copyOf(update);
        }
    }

    /** A block, labelled when something breaks out of it (a switch statement, an inlined method's return). */
    record Block(String label, List<Stmt> body, Origin origin) implements Stmt {
        public Block {
            body = List.copyOf(body);
        }
    }

    /** A switch on an int without fall-through: each case's body runs alone, then control leaves the switch. */
    record Switch(String label, Expr selector, List<Case> cases, Origin origin) implements Stmt {
        public Switch {
            cases = List.copyOf(cases);
        }
    }

    /** @param labels the case constants; empty for {@code default} */
    record Case(List<Integer> labels, List<Stmt> body) {
        public Case {
            labels = List.copyOf(labels);
            body = List.copyOf(body);
        }
    }

    record Break(String label, Origin origin) implements Stmt {}

    record Continue(String label, Origin origin) implements Stmt {}

    /** Leaves the function with one value, or (after the transforms) with the value and its derivatives. */
    record Return(List<Expr> values, Origin origin) implements Stmt {
        public Return {
            values = List.copyOf(values);
        }
    }

    /** Throws IllegalArgumentException, naming both lengths, unless {@code array} is as long as {@code like}. */
    record RequireSameLength(Var array, Var like, Origin origin) implements Stmt {}

    /**
     * Code that runs for its effect and computes nothing the derivatives need: a {@code throw} (which leaves the
     * function), an {@code assert}, or a call of a JDK method that returns nothing ({@code System.out.println}, a
     * logger's). Every generated member runs it where the function does; the derivative code has none of it.
     *
     * @param values for a call, the call; for a throw, the exception; for an assert, the condition and, if there is one,
     *     the message
     */
    record Effect(EffectKind kind, List<Expr> values, Origin origin) implements Stmt {
        public Effect {
            values = List.copyOf(values);
        }
    }

    /** What an {@link Effect} does. */
    enum EffectKind {
        CALL,
        THROW,
        ASSERT
    }

    /** Saves a value on the tape in the forward sweep, for the backward sweep to pop. */
    record Push(Expr value, Origin origin) implements Stmt {}
}
