// A module Worker running ONNX Runtime Web user code on nnjit (import maps do not reach workers: a relative path).
import * as ort from "./node_modules/nnjit/nnjit.js";
import { runFixture } from "./ort-user-code.js";

self.onmessage = async (e) => {
  try {
    self.postMessage({ ...(await runFixture(ort, e.data)), inWorker: typeof window === "undefined" });
  } catch (err) {
    self.postMessage({ error: String(err && err.message || err) });
  }
};
