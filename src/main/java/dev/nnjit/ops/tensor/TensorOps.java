package dev.nnjit.ops.tensor;

import dev.nnjit.ops.OpDef;
import java.util.List;

/**
 * The tensor op family: shape manipulation and data movement, registered explicitly (no reflection under TeaVM).
 * Data-movement ops work for every storage kind through {@link Elements} and {@link IndexMaps}.
 */
public final class TensorOps {
    private TensorOps() {}

    public static List<OpDef> all() {
        return List.of(
                new Reshape(), new Transpose(), new Unsqueeze(), new Squeeze(), new Flatten(),
                new Concat(), new Split(), new Slice(),
                new Gather(), new GatherElements(), new GatherND(),
                new ScatterND(), new ScatterElements("ScatterElements"), new ScatterElements("Scatter"),
                new Expand(), new Tile(), new Pad(), new Trilu(),
                new SpaceDepth(true), new SpaceDepth(false),
                new ShapeOp(), new Size(), new ConstantOfShape(), new Constant(), new Range(), new NonZero(),
                new Identity(), new Dropout(), new CumSum(), new Cast(), new CastLike(), new OneHot());
    }
}
