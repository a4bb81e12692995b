package io.github.autodiff4j.processor.ir;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;

/**
 * An object's field that the IR reads, as the front end found it.
 *
 * @param owner the declaring class, or null for one JavaPoet cannot name (a local or anonymous class)
 * @param ownerName the declaring class's simple name
 * @param type the field's Java type, or null for one JavaPoet cannot name
 * @param isPrivate whether it is private: the companion reads it through a VarHandle
 */
public record FieldRef(ClassName owner, String ownerName, String name, TypeName type, boolean isPrivate) {}
