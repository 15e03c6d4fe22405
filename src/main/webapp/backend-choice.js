// The "auto" backend (engine.loadModelAsync(bytes, files, {backend: "auto"})): loads the model on every candidate
// backend this page has, measures them on the caller's first feeds, keeps the faster and releases the others.
// The measuring is here; the rule (who is timed again, who wins, the reason) is dev.nnjit.runtime.BackendChoice,
// called through the engine's exports, so the JS API, the pipelines and `nnjit run --backend auto` share one decision.
//
//   const model = await engine.loadModelAsync(bytes, files, {backend: "auto", tuning, threads});
//   model.backend        -> "auto" until the first runAsync has chosen, then the chosen backend
//   model.backendChoice  -> null until then, then {chosen, reason, timesMs: {webgpu, "wasm-simd"}, candidates, failures}
//   model.choice         -> promise of backendChoice (settles when the first runAsync has chosen)
//
// Candidates, in preference order (a tie goes to the earlier): "webgpu" when navigator.gpu gives an adapter, then
// "wasm-simd" (both engine builds have it). A candidate that fails to load is recorded, not fatal; with one left
// there is nothing to measure and it is kept at load (e.g. in Node, or without WebGPU): backendChoice is set at once,
// and the first run costs nothing more.
// The first runAsync: round one runs each candidate once on its feeds (this compiles; its time counts less the
// compile time the session reports); round two times one more run of each candidate still in contention
// (BackendChoice.toTime: none when one has lost clearly). So the first inference costs about one run of each
// candidate plus the losers' compile when the choice is clear, two runs of each when it is close. Its result
// (outputs, gpu/wasm report) is the chosen backend's, so every result the model gives comes from one backend. Both copies of the weights
// live from load until the choice; the losers are disposed then (GPU buffers, Web Workers). Background tuning
// (tuning.auto) starts only once a backend has been chosen, on the chosen one (webgpu or wasm-simd).

const PREFERENCE = ["webgpu", "wasm-simd"];

/** Loads the candidates (options as engine.loadModelAsync's, backend ignored); resolves to an AutoModel. */
export async function loadAutoModel(engine, bytes, files, options) {
  const t0 = clockMs();
  const trials = [];
  const loaded = new Map();
  const callerTuning = options.tuning || {};
  for (const backend of PREFERENCE) {
    const unavailable = backend === "webgpu" ? await webGpuUnavailable() : null;
    if (unavailable !== null) {
      trials.push({ backend, failure: unavailable });
      continue;
    }
    try {
      const opts = { ...options, backend };
      opts.tuning = { ...callerTuning, auto: false };  // tuning waits for the choice
      loaded.set(backend, await engine.loadModelAsync(bytes, files, opts));
      trials.push({ backend });
    } catch (e) {
      trials.push({ backend, failure: `failed to load: ${messageOf(e)}` });
    }
  }
  if (loaded.size === 0) engine.chooseBackend(trials);  // throws, naming every failure
  return new AutoModel(engine, trials, loaded, callerTuning.auto !== false, clockMs() - t0);
}

class AutoModel {
  constructor(engine, trials, loaded, tuneWhenChosen, loadMs) {
    this.engine = engine;
    this._trials = trials;
    this._loaded = loaded;               // backend -> Model, until the choice
    this._tuneWhenChosen = tuneWhenChosen;
    this._chosen = null;                 // the Model kept
    this._choosing = null;               // promise of the first run's result while choosing
    this._failure = null;                // the error of a choice where no candidate could run
    this.backendChoice = null;
    const first = loaded.values().next().value;
    this.inputs = first.inputs;
    this.outputs = first.outputs;
    this.loadTimings = { loadMs };       // every candidate's load, and each one's own as "webgpu.decodeMs", ...
    for (const [backend, model] of loaded) {
      for (const [name, ms] of Object.entries(model.loadTimings)) this.loadTimings[`${backend}.${name}`] = ms;
    }
    let settle;
    this.choice = new Promise((resolve, reject) => { settle = { resolve, reject }; });
    this.choice.catch(() => {});
    this._settle = settle;
    if (loaded.size === 1) {
      this._keep(engine.chooseBackend(trials));
      // chosen before any run: the model tunes after its first run, as one loaded on its backend does
      if (this._chosen.tuningOptions) this._chosen.tuningOptions.auto = tuneWhenChosen;
    }
  }

  get backend() { return this._chosen ? this._chosen.backend : "auto"; }
  get handle() { return this._current().handle; }
  get adapter() { return this._current().adapter; }
  get adapterInfo() { return this._current().adapterInfo; }
  get device() { return this._current().device; }
  get limits() { return this._current().limits; }
  get tuning() { return this._chosen ? this._chosen.tuning : null; }
  get tuningOptions() { return this._chosen ? this._chosen.tuningOptions : null; }

  /** The chosen model, or before the choice the first candidate that loaded (what its properties describe). */
  _current() { return this._chosen || this._loaded.values().next().value; }

  async runAsync(feeds, options = {}) {
    if (this._chosen) return this._chosen.runAsync(feeds, options);
    if (this._choosing) {
      await this._choosing.catch(() => {});
      return this._chosenAfterChoice().runAsync(feeds, options);
    }
    this._choosing = this._choose(feeds, options);
    return this._choosing;
  }

  /** The two rounds (see the header); resolves to the chosen backend's latest result on these feeds. */
  async _choose(feeds, options) {
    const trials = this._trials.map((t) => ({ ...t }));
    const latest = new Map();            // backend -> its latest run's result
    const runErrors = [];
    for (const t of trials) {
      const model = this._loaded.get(t.backend);
      if (!model) continue;
      try {
        const t0 = clockMs();
        const result = await model.runAsync(feeds, options);
        t.firstRunMs = Math.max(0, clockMs() - t0 - (result.timings.compileMs || 0));
        latest.set(t.backend, result);
      } catch (e) {
        t.failure = `failed to run: ${messageOf(e)}`;
        runErrors.push(e);
      }
    }
    if (latest.size === 0 && runErrors.length > 0 && runErrors.every((e) => messageOf(e) === messageOf(runErrors[0]))) {
      // every candidate refused the same way: the feeds are wrong, not the backends (the engine's own error)
      this._fail(runErrors[0]);
    }
    const toTime = this.engine.backendsToTime(trials);
    for (const t of trials) {
      if (!toTime.includes(t.backend)) continue;
      try {
        const t0 = clockMs();
        latest.set(t.backend, await this._loaded.get(t.backend).runAsync(feeds, options));
        t.timedRunMs = clockMs() - t0;
      } catch (e) {
        t.failure = `failed to run a second time: ${messageOf(e)}`;
        delete t.firstRunMs;
      }
    }
    let choice;
    try {
      choice = this.engine.chooseBackend(trials);
    } catch (e) {
      this._fail(e);
    }
    this._keep(choice);
    if (this._tuneWhenChosen) this._chosen._startBackgroundTuning();
    return latest.get(choice.chosen);
  }

  /** Keeps the chosen candidate and disposes the others. */
  _keep(choice) {
    this._chosen = this._loaded.get(choice.chosen);
    this._release(choice.chosen);
    this.backendChoice = choice;
    this._settle.resolve(choice);
  }

  /** Ends a choice where no candidate could run: releases them all; this run and later ones throw `error`. */
  _fail(error) {
    this._release(null);
    this._failure = error;
    this._settle.reject(error);
    throw error;
  }

  _chosenAfterChoice() {
    if (this._failure) throw this._failure;
    return this._chosen;
  }

  /** Disposes every loaded candidate but `keep`. */
  _release(keep) {
    for (const [backend, model] of this._loaded) {
      if (backend !== keep) model.dispose();
    }
    this._loaded = new Map();
  }

  run(feeds) {
    if (!this._chosen) throw new Error("an auto model chooses its backend on its first runAsync; use runAsync");
    return this._chosen.run(feeds);
  }

  /** Generation has no feeds to measure: before a run it keeps the first candidate that loaded (see the reason). */
  async generateAsync(request, callbacks) {
    if (!this._chosen && !this._choosing) this._keepWithoutMeasuring("generation came before any run");
    if (this._choosing) await this._choosing.catch(() => {});
    return this._chosenAfterChoice().generateAsync(request, callbacks);
  }

  tuneAsync(options) { return this._chosenOrThrow("tune").tuneAsync(options); }
  tuningReport() { return this._chosenOrThrow("report tuning").tuningReport(); }
  kernels() { return this._chosenOrThrow("list kernels").kernels(); }

  _chosenOrThrow(what) {
    if (!this._chosen) throw new Error(`cannot ${what} before the auto backend has chosen (after the first runAsync)`);
    return this._chosen;
  }

  _keepWithoutMeasuring(why) {
    this._keep(this.engine.chooseBackend(this._trials, why));
    if (this._tuneWhenChosen) this._chosen._startBackgroundTuning();
  }

  dispose() {
    if (this._chosen) this._chosen.dispose();
    this._release(null);
    this._chosen = null;
  }
}

/** Why WebGPU cannot be a candidate here, or null when navigator.gpu gives an adapter. */
async function webGpuUnavailable() {
  const gpu = typeof navigator !== "undefined" && navigator !== null ? navigator.gpu : undefined;
  if (gpu === undefined) return "WebGPU is not available here (no navigator.gpu)";
  try {
    return (await gpu.requestAdapter()) === null ? "no WebGPU adapter was offered" : null;
  } catch (e) {
    return `requesting a WebGPU adapter failed: ${messageOf(e)}`;
  }
}

function messageOf(e) {
  return e && e.message !== undefined ? String(e.message) : String(e);
}

function clockMs() {
  return typeof performance !== "undefined" ? performance.now() : Date.now();
}
