package io.github.autodiff4j.processor.ir;

import java.util.List;

/**
 * A function of the IR: parameters and a body that leaves through {@link Stmt.Return} statements. Transformed functions
 * return several values at once (the value and its derivatives), which the emitter packs into the member's return type.
 */
public record Function(String name, List<Var> params, List<Stmt> body) {

    public Function {
        params = List.copyOf(params);
        body = List.copyOf(body);
    }

    @Override
    public String toString() {
        return IrPrinter.print(this);
    }
}
