/**
 * The back end: writes a method's derivative code as the members of its companion class, with JavaPoet, formatted
 * and commented so that a derivative can be followed line by line. Imports {@code ir} and {@code model} only, and
 * nothing of javac's but the {@code Modifier} enum JavaPoet's builders take.
 */
package io.github.autodiff4j.processor.emit;
