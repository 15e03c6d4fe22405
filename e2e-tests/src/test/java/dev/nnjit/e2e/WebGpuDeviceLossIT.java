package dev.nnjit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nnjit.host.BrowserException;
import dev.nnjit.host.BrowserRunner;
import dev.nnjit.tensor.Tensor;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A lost WebGPU device (here destroyed on purpose, as the browser does after a GPU reset): runs on it fail at once
 * with the browser's reason instead of hanging, and a model loaded afterwards runs on a freshly acquired device.
 * Own Chromium: the loss must not leak into other test classes.
 */
class WebGpuDeviceLossIT {
    @Test void lostDeviceFailsClearlyAndANewLoadRecovers() {
        TestModels.Case c = TestModels.mlp();
        try (BrowserRunner runner = BrowserRunner.start(null)) {
            Map<String, Tensor> first = runner.run(c.model(), c.feeds(), "webgpu").outputs();
            assertTrue(runner.releaseGpuDevice("webgpu"), "the page had a device");
            BrowserException e = assertThrows(BrowserException.class, () -> runner.run(c.model(), c.feeds(), "webgpu"));
            assertTrue(e.getMessage().contains("the WebGPU device was lost"), e.getMessage());
            System.out.println("[webgpu device loss] " + e.getMessage());
            runner.unloadGpuModels();
            Map<String, Tensor> again = runner.run(c.model(), c.feeds(), "webgpu").outputs();
            assertEquals(first.keySet(), again.keySet());
            float[] a = first.get("y").floats();
            float[] b = again.get("y").floats();
            for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 0f, "same kernels, same result, element " + i);
        }
    }
}
