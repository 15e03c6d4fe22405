package dev.nnjit.codegen;

import dev.nnjit.schedule.ElementwiseConfig;
import java.util.List;

/**
 * The skeleton of index-mapping kernels that compute one output element per item from its coordinates (Trilu,
 * Pad, OneHot, GatherElements, ...): subclasses give the bindings and the body of {@code fn item(e: u32)}; the
 * entry point, dispatch and workgroup size are those of {@link ElementwiseKernel} at a scalar (non-vec4) config.
 *
 * @param <P> the problem record
 */
public abstract class ItemKernel<P extends KernelProblem> implements KernelGenerator<ElementwiseConfig, P> {

    /** Items (one per output element unless a subclass says otherwise). */
    public abstract long items(P p);

    /** The first line(s) of the shader: the kernel's shape comment. */
    protected abstract void comment(WgslBuilder h, P p);

    /** Emits the statements of {@code item(e)}, which computes item {@code e} (a u32 below ITEMS). */
    protected abstract void body(WgslBuilder b, P p, WgslMath lib);

    @Override public int[] workgroupSize(ElementwiseConfig c, P p) { return new int[] {c.workgroupSize(), 1, 1}; }

    @Override public DispatchSize dispatch(ElementwiseConfig c, P p) {
        long per = (long) c.workgroupSize() * c.elementsPerThread();
        return DispatchSize.linear((items(p) + per - 1) / per);
    }

    @Override public String generate(ElementwiseConfig c, P p) {
        if (c.vec4()) throw new IllegalArgumentException(family() + " kernels have no vec4 form");
        WgslBuilder h = new WgslBuilder();
        comment(h, p);
        List<Binding> bindings = bindings(c, p);
        h.bindings(bindings);
        h.constU32("ITEMS", items(p));
        WgslMath lib = new WgslMath();
        WgslBuilder b = new WgslBuilder();
        b.open("fn item(e: u32) {");
        body(b, p, lib);
        b.close();
        b.blank();
        ElementwiseMain.emit(b, c, dispatch(c, p), items(p));
        return Wgsl.assemble(h.build(), null, lib.source() + b.build());
    }

    /** {@code let <prefix>d = ...} coordinates of the u32 {@code flat} in {@code shape} (see IndexMath.coords). */
    protected static String[] coords(WgslBuilder b, String flat, int[] shape, String prefix) {
        return IndexMath.coords(b, flat, shape, prefix);
    }

    /** The u32 offset of {@code coords} with {@code strides}. */
    protected static String offset(String[] coords, int[] strides) { return IndexMath.offset(coords, strides, 0); }

    /** The value to store into a storage array of type t from a value expression ({@code u32(b)} for bool). */
    protected static String store(ScalarType t, String value) {
        return t == ScalarType.BOOL ? "u32(" + value + ")" : value;
    }
}
