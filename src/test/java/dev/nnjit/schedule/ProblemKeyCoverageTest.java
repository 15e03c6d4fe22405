package dev.nnjit.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nnjit.ops.fused.Activation;
import dev.nnjit.codegen.ArgReduceProblem;
import dev.nnjit.codegen.ConcatProblem;
import dev.nnjit.codegen.ConvProblem;
import dev.nnjit.codegen.ConvTransposeProblem;
import dev.nnjit.codegen.CumSumProblem;
import dev.nnjit.codegen.EinsumProblem;
import dev.nnjit.codegen.ElementwiseExpr;
import dev.nnjit.codegen.ElementwiseInput;
import dev.nnjit.codegen.ElementwiseProblem;
import dev.nnjit.codegen.GatherElementsProblem;
import dev.nnjit.codegen.GatherNdProblem;
import dev.nnjit.codegen.GatherProblem;
import dev.nnjit.codegen.GatherRowsProblem;
import dev.nnjit.codegen.IntMatmulProblem;
import dev.nnjit.codegen.KernelProblem;
import dev.nnjit.codegen.MapFn;
import dev.nnjit.codegen.MapProblem;
import dev.nnjit.codegen.MatmulProblem;
import dev.nnjit.codegen.NormProblem;
import dev.nnjit.codegen.OneHotProblem;
import dev.nnjit.codegen.PadProblem;
import dev.nnjit.codegen.PoolProblem;
import dev.nnjit.codegen.ReduceProblem;
import dev.nnjit.codegen.ScalarType;
import dev.nnjit.codegen.ScatterProblem;
import dev.nnjit.codegen.SoftmaxProblem;
import dev.nnjit.codegen.TriluProblem;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Problem keys are a persisted format (tuning records are stored under family and problem key), so, as
 * {@link ScheduleSpaceTest#keysCoverEveryRecordComponent} does for configs, every component of every
 * {@link KernelProblem} record must be in its key: from a base problem in which every component matters, each
 * component is changed in turn (one change at a time, through the record's constructor, which rejects inconsistent
 * problems) and every accepted change must change {@code key()}. Variants are made by reflection: numbers step,
 * booleans flip, enums take every other constant, arrays and nested records change one element at a time.
 */
class ProblemKeyCoverageTest {
    private static final ScalarType F = ScalarType.F32;
    private static final ScalarType I = ScalarType.I32;

    /**
     * A problem to vary, and the components its key may ignore because they do not matter in its case (each such
     * component must then be covered by another base of the same record).
     */
    record Base(KernelProblem problem, Set<String> irrelevant) {}

    private static Base base(KernelProblem p, String... irrelevant) { return new Base(p, Set.of(irrelevant)); }

    /**
     * At least one base per KernelProblem record; where a component only matters in some cases (an LP pool's p, a
     * MAX pool's indices), a base is such a case, and a base whose case ignores a component says so.
     */
    static List<Base> bases() {
        int[] out = {2, 3, 8};
        ElementwiseExpr x0 = ElementwiseExpr.input(0, F);
        ElementwiseExpr x1 = ElementwiseExpr.input(1, F);
        return List.of(
                base(new ArgReduceProblem(F, new int[] {3, 5, 7}, 1, true, false)),
                base(new ConcatProblem(F, List.of(new int[] {2, 3, 4}, new int[] {2, 3, 4}), 1)),
                base(new ConvProblem(2, 4, new int[] {9, 7}, 6, new int[] {3, 2}, 2, new int[] {2, 1}, new int[] {1, 2},
                        new int[] {1, 0}, new int[] {5, 5}, true)),
                base(new ConvTransposeProblem(2, 4, new int[] {4, 5}, 2, new int[] {3, 3}, 1, new int[] {3, 2},
                        new int[] {1, 1}, new int[] {1, 0}, new int[] {10, 10}, true)),
                base(new CumSumProblem(F, new int[] {4, 33, 3}, 1, true, true)),
                base(new EinsumProblem(F, List.of(new int[] {2, 3, 4}, new int[] {2, 4, 5}), new int[] {2, 3, 5, 4},
                        new int[][] {{12, 4, 0, 1}, {20, 0, 1, 5}}, 3)),
                base(new ElementwiseProblem("Add", out, List.of(ElementwiseInput.broadcast(F, out, out),
                        ElementwiseInput.broadcast(F, new int[] {8}, out)), ElementwiseExpr.add(x0, x1))),
                base(new GatherElementsProblem(F, new int[] {3, 5, 4}, new int[] {3, 7, 4}, 1)),
                base(new GatherNdProblem(F, new int[] {6, 4, 5}, new int[] {6, 2}, 0)),
                base(new GatherProblem(F, new int[] {100, 16}, 0, new int[] {3, 5})),
                base(new GatherRowsProblem(F, 100, 10, 20, 16, new int[] {3, 5})),
                base(new IntMatmulProblem(new int[] {2}, new int[] {15}, new int[] {0}, 3, 4, 5, 2, 1)),
                base(MapProblem.broadcast(MapFn.ELU, new int[] {3, 41}, List.of(F), List.of(new int[] {3, 41}), 1.5f)),
                base(MatmulProblem.gemm(33, 40, 19, true, false, 0.5f, 2f, new int[] {33, 1})
                        .withActivation(Activation.GELU)),
                base(MatmulProblem.matmul(new int[] {2, 3, 5, 4}, new int[] {3, 4, 6}).withBias(new int[] {6})),
                base(new NormProblem(NormProblem.Kind.LAYER, 30, 768, 1e-5f, true)),
                base(new OneHotProblem(I, new int[] {2, 3}, 4, 1, F)),
                base(new PadProblem(F, new int[] {4, 5}, new int[] {3, 1}, new int[] {10, 7}, PadProblem.Mode.CONSTANT, 1.5,
                        false)),
                base(new PoolProblem(PoolProblem.Kind.LP, F, 1, 3, new int[] {7, 6}, new int[] {3, 3}, new int[] {1, 1},
                        new int[] {1, 1}, new int[] {1, 2}, new int[] {1, 0}, new int[] {7, 6}, true, 3, false, true)),
                base(new PoolProblem(PoolProblem.Kind.MAX, F, 2, 3, new int[] {9, 8}, new int[] {3, 2}, new int[] {2, 2},
                        new int[] {1, 2}, new int[] {1, 0}, new int[] {1, 1}, new int[] {5, 4}, false, 2, true, true), "p"),
                base(new ReduceProblem(ReduceProblem.Op.LOG_SUM_EXP, new int[] {3, 50, 7}, new int[] {1})),
                base(new ScatterProblem(ScatterProblem.Kind.ELEMENTS, ScatterProblem.Reduction.ADD, F, new int[] {3, 3},
                        new int[] {3, 2}, 1)),
                base(new ScatterProblem(ScatterProblem.Kind.ND, ScatterProblem.Reduction.ADD, F, new int[] {3, 3},
                        new int[] {3, 2}, 0), "axis"),
                base(SoftmaxProblem.onAxis(new int[] {3, 5, 7}, 1, true)),
                base(new TriluProblem(F, new int[] {2, 5, 7}, false, 2)));
    }

    @Test
    void problemKeysCoverEveryRecordComponent() throws Exception {
        List<String> problems = new ArrayList<>();
        Map<String, Set<String>> covered = new TreeMap<>();
        for (Base b : bases()) checkKeyCoverage(b, problems, covered);
        for (Base b : bases()) {
            Class<?> type = b.problem().getClass();
            for (RecordComponent c : type.getRecordComponents()) {
                if (!covered.getOrDefault(type.getSimpleName(), Set.of()).contains(c.getName())) {
                    problems.add("no base shows that " + type.getSimpleName() + "." + c.getName() + " is in the key");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    /** Every KernelProblem record in codegen has a base above, so a new problem cannot skip this test. */
    @Test
    void everyProblemRecordHasABase() throws Exception {
        // The engine's classes are a folder (mvn test) or the nnjit-core jar (mvn verify, where core is packaged).
        Path location = Path.of(KernelProblem.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Set<String> records = new TreeSet<>();
        try (FileSystem jar = Files.isDirectory(location) ? null : FileSystems.newFileSystem(location);
             Stream<Path> files = Files.list((jar == null ? location : jar.getPath("/")).resolve("dev/nnjit/codegen"))) {
            for (Path f : (Iterable<Path>) files::iterator) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".class") || name.contains("$")) continue;
                Class<?> c = Class.forName("dev.nnjit.codegen." + name.substring(0, name.length() - 6));
                if (c.isRecord() && KernelProblem.class.isAssignableFrom(c)) records.add(c.getSimpleName());
            }
        }
        Set<String> covered = new TreeSet<>();
        for (Base b : bases()) covered.add(b.problem().getClass().getSimpleName());
        assertTrue(records.size() >= 20, "found only " + records);
        assertEquals(records, covered);
    }

    /**
     * Varies each component of {@code b}'s problem; a changed value the constructor accepts must change the key
     * unless the base declares the component irrelevant. Components shown to be in the key go to {@code covered}.
     */
    private static void checkKeyCoverage(Base b, List<String> problems, Map<String, Set<String>> covered)
            throws Exception {
        KernelProblem base = b.problem();
        Class<?> type = base.getClass();
        RecordComponent[] comps = type.getRecordComponents();
        for (int i = 0; i < comps.length; i++) {
            RecordComponent comp = comps[i];
            Object value = comp.getAccessor().invoke(base);
            for (Object changed : variants(value)) {
                Object[] args = args((Record) base);
                args[i] = changed;
                KernelProblem v = (KernelProblem) construct(type, args);
                if (v == null) continue;
                if (Objects.deepEquals(comp.getAccessor().invoke(v), value)) continue; // normalized back
                String key;
                try {
                    key = v.key();
                } catch (IllegalArgumentException e) {
                    continue; // an inconsistency the constructor leaves to the layout (ReduceProblem's axes)
                }
                if (!base.key().equals(key)) {
                    covered.computeIfAbsent(type.getSimpleName(), k -> new TreeSet<>()).add(comp.getName());
                } else if (!b.irrelevant().contains(comp.getName())) {
                    problems.add(type.getSimpleName() + "." + comp.getName() + " = " + text(changed)
                            + " is not in the key " + base.key());
                }
            }
        }
    }

    private static Object[] args(Record r) throws Exception {
        RecordComponent[] comps = r.getClass().getRecordComponents();
        Object[] a = new Object[comps.length];
        for (int i = 0; i < comps.length; i++) a[i] = comps[i].getAccessor().invoke(r);
        return a;
    }

    /** The record built from {@code args}, or null when its constructor rejects them. */
    private static Object construct(Class<?> type, Object[] args) throws Exception {
        RecordComponent[] comps = type.getRecordComponents();
        Class<?>[] types = new Class<?>[comps.length];
        for (int i = 0; i < comps.length; i++) types[i] = comps[i].getType();
        Constructor<?> c = type.getDeclaredConstructor(types);
        c.setAccessible(true);
        try {
            return c.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof IndexOutOfBoundsException
                    || e.getCause() instanceof ArithmeticException) {
                return null;
            }
            throw e;
        }
    }

    /** Values that differ from {@code v} in one place, in no particular order. */
    private static List<Object> variants(Object v) throws Exception {
        List<Object> out = new ArrayList<>();
        for (Object e : candidates(v)) if (!Objects.deepEquals(e, v)) out.add(e);
        return out;
    }

    private static List<Object> candidates(Object v) throws Exception {
        List<Object> out = new ArrayList<>();
        if (v instanceof Integer) {
            int x = (Integer) v;
            out.addAll(List.of(x + 1, x - 1, x * 2, x + 2));
        } else if (v instanceof Long) {
            long x = (Long) v;
            out.addAll(List.of(x + 1, x - 1, x * 2));
        } else if (v instanceof Float) {
            float x = (Float) v;
            out.addAll(List.of(x + 0.5f, x * 2, -x));
        } else if (v instanceof Double) {
            double x = (Double) v;
            out.addAll(List.of(x + 0.5, x * 2, -x));
        } else if (v instanceof Boolean) {
            out.add(!(Boolean) v);
        } else if (v instanceof Enum<?>) {
            for (Object c : v.getClass().getEnumConstants()) if (c != v) out.add(c);
        } else if (v instanceof String) {
            out.add(v + "+Neg");
        } else if (v instanceof int[]) {
            int[] a = (int[]) v;
            for (int i = a.length - 1; i >= 0; i--) {
                for (Object e : variants(a[i])) {
                    int[] b = a.clone();
                    b[i] = (Integer) e;
                    out.add(b);
                }
            }
        } else if (v instanceof float[]) {
            float[] a = (float[]) v;
            for (int i = 0; i < a.length; i++) {
                float[] b = a.clone();
                b[i] += 1;
                out.add(b);
            }
        } else if (v instanceof int[][]) {
            int[][] a = (int[][]) v;
            for (int i = 0; i < a.length; i++) {
                for (Object e : variants(a[i])) {
                    int[][] b = a.clone();
                    b[i] = (int[]) e;
                    out.add(b);
                }
            }
        } else if (v instanceof List<?>) {
            List<?> a = (List<?>) v;
            for (int i = 0; i < a.size(); i++) {
                for (Object e : variants(a.get(i))) {
                    List<Object> b = new ArrayList<>(a);
                    b.set(i, e);
                    out.add(b);
                }
            }
        } else if (v instanceof Record) {
            Record r = (Record) v;
            RecordComponent[] comps = r.getClass().getRecordComponents();
            for (int i = 0; i < comps.length; i++) {
                for (Object e : variants(comps[i].getAccessor().invoke(r))) {
                    Object[] args = args(r);
                    args[i] = e;
                    Object built = construct(r.getClass(), args);
                    if (built != null) out.add(built);
                }
            }
        } else if (v instanceof ElementwiseExpr) {
            ElementwiseExpr e = (ElementwiseExpr) v;
            out.add(ElementwiseExpr.of(dev.nnjit.ops.fused.ElementwiseOp.NEG, e));
        } else if (v instanceof ScalarType || v == null) {
            // enums are handled above; a null component (optional part) has no variant here
        } else {
            fail("no variants for a component of type " + v.getClass().getName());
        }
        return out;
    }

    private static String text(Object v) {
        if (v instanceof int[]) return Arrays.toString((int[]) v);
        if (v instanceof float[]) return Arrays.toString((float[]) v);
        if (v instanceof int[][]) return Arrays.deepToString((int[][]) v);
        if (v instanceof List<?>) {
            StringBuilder sb = new StringBuilder("[");
            for (Object e : (List<?>) v) sb.append(text(e)).append(' ');
            return sb.append(']').toString();
        }
        if (v instanceof Record) {
            try {
                StringBuilder sb = new StringBuilder(v.getClass().getSimpleName()).append('(');
                for (RecordComponent c : v.getClass().getRecordComponents()) {
                    sb.append(c.getName()).append('=').append(text(c.getAccessor().invoke(v))).append(' ');
                }
                return sb.append(')').toString();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return String.valueOf(v);
    }
}
