package io.github.autodiff4j.processor;

import com.sun.source.util.TreePath;
import com.sun.source.util.Trees;
import javax.annotation.processing.Messager;
import javax.lang.model.element.Element;
import javax.tools.Diagnostic.Kind;

/**
 * Reports errors at the exact source position of what caused them, and remembers whether any were reported so that
 * the pipeline never generates code for a method it has rejected.
 */
public final class Diagnostics {
  private final Messager messager;
  private final Trees trees;
  private int errors;

  public Diagnostics(Messager messager, Trees trees) {
    this.messager = messager;
    this.trees = trees;
  }

  public void error(TreePath where, Message message, Object... args) {
    errors++;
    trees.printMessage(Kind.ERROR, message.format(args), where.getLeaf(), where.getCompilationUnit());
  }

  public void error(Element where, Message message, Object... args) {
    errors++;
    messager.printMessage(Kind.ERROR, message.format(args), where);
  }

  /** The number of errors reported so far: compare before and after a stage to see whether it failed. */
  public int errorCount() {
    return errors;
  }
}
