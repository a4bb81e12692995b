package io.github.autodiff4j;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The guard that generated members of an instance method run first. The companion differentiates the bodies the
 * method's class declares: the method's own and those of the methods it calls on its own object. A receiver whose
 * class overrides one of them runs another body, and its derivative would be silently wrong, so the members throw
 * for it instead.
 *
 * <p>Whether a class overrides one of the bodies is decided once per class, by reflection, and remembered in a
 * {@link ClassValue}: each call then costs one {@code ClassValue} lookup.
 */
public final class ReceiverCheck {
    private final String companion;
    private final List<Body> bodies;
    private final ClassValue<String> problems = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return problem(type);
        }
    };

    private ReceiverCheck(String companion, List<Body> bodies) {
        this.companion = companion;
        this.bodies = bodies;
    }

    /**
     * @param companion the simple name of the generated class, for the message ({@code "ModelDiff"})
     * @param bodies the differentiated method first, then the methods it calls on its own object (inlined calls of
     *     calls too), each as {@code binary.Owner#name(parameter types, erased)}: {@code "demo.Model#predict(double[])"}
     */
    public static ReceiverCheck of(String companion, String... bodies) {
        if (bodies.length == 0) {
            throw new IllegalArgumentException("no body to check");
        }
        return new ReceiverCheck(
                companion, Arrays.stream(bodies).map(Body::parse).toList());
    }

    /**
     * Returns normally when the receiver's class runs every checked body as declared.
     *
     * @throws IllegalArgumentException naming the override, when the receiver's class (or a class between it and the
     *     declaring class) overrides one of the bodies
     */
    public void check(Object receiver) {
        String problem = problems.get(receiver.getClass());
        if (!problem.isEmpty()) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Why receivers of this class cannot be differentiated, or "" when they can. */
    private String problem(Class<?> type) {
        Body function = bodies.get(0);
        for (Body body : bodies) {
            Class<?> overrider = body.overriddenBy(type);
            if (overrider == null) {
                continue;
            }
            String override = overrider.getName() + "." + body.name;
            String receiver = overrider == type
                    ? "a " + type.getName() + ", which overrides it with " + override
                    : "a " + type.getName() + ", and " + overrider.getName() + " overrides it with " + override;
            String caller = body == function ? "" : ", which " + function.qualifiedName() + " runs on its own object,";
            boolean anonymous = overrider.isAnonymousClass() || overrider.isLocalClass();
            String remedy = anonymous
                    ? "Make " + body.qualifiedName()
                            + " final (or private, or static): an anonymous or local class has no"
                            + " companion of its own."
                    : body == function
                            ? "Make " + function.qualifiedName() + " final, or annotate " + override
                                    + " with @Differentiable and" + " call " + companionOf(overrider) + "."
                            : "Make " + body.qualifiedName() + " final (or private, or static), or override "
                                    + function.name + " in "
                                    + overrider.getSimpleName()
                                    + " too, annotate that override with @Differentiable and call "
                                    + companionOf(overrider) + ".";
            return companion + "'s members for " + function.name + " differentiate the body of " + body + caller
                    + " but this receiver is " + receiver + ": its derivatives would be wrong. " + remedy;
        }
        return "";
    }

    /** The companion autodiff4j generates for a class, by its naming rule (Outer_InnerDiff for a nested class). */
    private static String companionOf(Class<?> type) {
        String name = type.getSimpleName();
        for (Class<?> outer = type.getEnclosingClass(); outer != null; outer = outer.getEnclosingClass()) {
            name = outer.getSimpleName() + "_" + name;
        }
        return name + "Diff's members";
    }

    /** A method as declared: the binary name of its class, its name, the names of its erased parameter types. */
    private record Body(String owner, String name, List<String> params) {
        static Body parse(String text) {
            int hash = text.indexOf('#');
            int open = text.indexOf('(', hash);
            if (hash < 0 || open < 0 || !text.endsWith(")")) {
                throw new IllegalArgumentException("not owner#name(types): " + text);
            }
            String inside = text.substring(open + 1, text.length() - 1).trim();
            List<String> params = inside.isEmpty()
                    ? List.of()
                    : Arrays.stream(inside.split(",")).map(String::trim).toList();
            return new Body(text.substring(0, hash), text.substring(hash + 1, open), params);
        }

        /**
         * The class or interface below the owner, on the receiver's side, that declares an instance method with this
         * name and these parameter types (an override, or a bridge to one), or null. Conservative: a package-private
         * method redeclared in another package counts too.
         */
        Class<?> overriddenBy(Class<?> type) {
            List<Class<?>> classes = new ArrayList<>();
            for (Class<?> c = type; c != null && !c.getName().equals(owner); c = c.getSuperclass()) {
                if (declares(c)) {
                    return c;
                }
                classes.add(c);
            }
            // A default method: an interface that extends the owner may override it.
            Deque<Class<?>> interfaces = new ArrayDeque<>();
            classes.forEach(c -> interfaces.addAll(Arrays.asList(c.getInterfaces())));
            Set<Class<?>> seen = new HashSet<>();
            while (!interfaces.isEmpty()) {
                Class<?> i = interfaces.pop();
                if (i.getName().equals(owner) || !seen.add(i)) {
                    continue;
                }
                if (extendsOwner(i) && declares(i)) {
                    return i;
                }
                interfaces.addAll(Arrays.asList(i.getInterfaces()));
            }
            return null;
        }

        private boolean extendsOwner(Class<?> type) {
            return Arrays.stream(type.getInterfaces()).anyMatch(i -> i.getName().equals(owner) || extendsOwner(i));
        }

        private boolean declares(Class<?> type) {
            for (Method m : type.getDeclaredMethods()) {
                int modifiers = m.getModifiers();
                if (m.getName().equals(name)
                        && !Modifier.isStatic(modifiers)
                        && !Modifier.isPrivate(modifiers)
                        && Arrays.stream(m.getParameterTypes())
                                .map(Class::getTypeName)
                                .toList()
                                .equals(params)) {
                    return true;
                }
            }
            return false;
        }

        String qualifiedName() {
            return owner + "." + name;
        }

        @Override
        public String toString() {
            return qualifiedName() + "(" + String.join(", ", params) + ")";
        }
    }
}
