// One file of a model, fetched as a web app needs it: a streamed download that reports progress, the Cache API (so
// a second page load downloads nothing), local files in Node, and a clear error for a file larger than the engine
// can hold. Used by InferenceSession.create (nnjit.js) and the pipelines (pretrained.js).
//
//   const bytes = await fetchFile(urlOrPath, "onnx/model.onnx", progress, {cache: true});
//   progress events: {status: "initiate", file}, {status: "download", file, loaded: 0, total},
//     {status: "progress", file, loaded, total, progress (percent, when total is known)} per chunk,
//     {status: "done", file, loaded, total, cached (true when it came from the Cache API)}.
//   total is 0 when the server does not send Content-Length.

/**
 * The largest file the engine can take: its bytes go into one Java buffer (int-indexed: 2 GiB - 1), and the Wasm GC
 * build's linear memory is 2 GiB in all. Larger weights must be split into external data files.
 */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

/** The Cache API cache that holds downloaded model files, keyed by absolute URL. */
export const MODEL_CACHE_NAME = "nnjit-models";

const RUNS_IN_NODE = typeof process !== "undefined" && process.versions != null && process.versions.node != null;

/**
 * The bytes of a URL (fetched; in Node also a file path or file: URL). cache: use the Cache API where it exists;
 * optional: null instead of an error when the file does not exist (HTTP 404, no such file).
 */
export async function fetchFile(source, file, progress, { cache = false, optional = false } = {}) {
  const text = String(source);
  if (RUNS_IN_NODE && !/^https?:/i.test(text)) return readLocalFile(text, file, progress, optional);
  const store = cache ? await openModelCache() : null;
  progress({ status: "initiate", file });
  if (store !== null) {
    const hit = await store.match(text);
    if (hit) return readBody(hit, file, progress, true);
  }
  let response;
  try {
    response = await fetch(text);
  } catch (e) {
    throw new Error(`cannot fetch '${text}': ${errorText(e)}`);
  }
  if (optional && response.status === 404) return null;
  if (!response.ok) throw new Error(`cannot fetch '${text}': HTTP ${response.status} ${response.statusText}`.trim());
  const bytes = await readBody(response, file, progress, false);
  if (store !== null) {
    try {
      await store.put(text, new Response(bytes, { headers: { "Content-Type": "application/octet-stream",
        "Content-Length": String(bytes.length) } }));
    } catch (e) {
      // A full or unavailable cache costs a download next time, not this load.
      console.warn(`[nnjit] ${file} was not cached (${errorText(e)}): the next load downloads it again`);
    }
  }
  return bytes;
}

/** An error when a file of this many bytes cannot be loaded (see MAX_FILE_BYTES), else nothing. */
export function checkFileSize(file, bytes) {
  if (bytes > MAX_FILE_BYTES) {
    throw new RangeError(`${file} is ${gigabytes(bytes)} GB, more than nnjit can load into the page: at most `
      + `${gigabytes(MAX_FILE_BYTES)} GB per file (2 GiB - 1 bytes: one Java buffer, inside the Wasm GC build's 2 GiB `
      + "memory); export the weights as external data files smaller than that");
  }
}

/** Deletes every cached model file (the next load downloads again); resolves to whether a cache existed. */
export async function clearModelCache() {
  return typeof caches === "undefined" ? false : caches.delete(MODEL_CACHE_NAME);
}

async function openModelCache() {
  if (typeof caches === "undefined") return null; // Node, insecure origins
  try {
    return await caches.open(MODEL_CACHE_NAME);
  } catch (e) {
    console.warn(`[nnjit] the Cache API is not usable here (${errorText(e)}): model files are not cached`);
    return null;
  }
}

/** Reads a response body chunk by chunk, reporting progress and refusing files beyond MAX_FILE_BYTES early. */
async function readBody(response, file, progress, cached) {
  const total = Number(response.headers.get("content-length")) || 0;
  checkFileSize(file, total);
  progress({ status: "download", file, loaded: 0, total });
  if (response.body === null || typeof response.body.getReader !== "function") {
    const bytes = new Uint8Array(await response.arrayBuffer());
    progress({ status: "done", file, loaded: bytes.length, total: bytes.length, cached });
    return bytes;
  }
  const reader = response.body.getReader();
  const chunks = [];
  let loaded = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    loaded += value.length;
    if (loaded > MAX_FILE_BYTES) {
      reader.cancel().catch(() => {});
      checkFileSize(file, loaded);
    }
    progress({ status: "progress", file, loaded, total, progress: total ? (loaded / total) * 100 : undefined });
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  progress({ status: "done", file, loaded, total: total || loaded, cached });
  return bytes;
}

async function readLocalFile(pathOrUrl, file, progress, optional) {
  const fs = await import(/* webpackIgnore: true */ "node:fs/promises");
  const target = /^file:/i.test(pathOrUrl) ? new URL(pathOrUrl) : pathOrUrl;
  let bytes;
  try {
    if (optional && !(await fs.stat(target).then((st) => st.isFile(), () => false))) return null;
    progress({ status: "initiate", file });
    const size = (await fs.stat(target)).size;
    checkFileSize(file, size);
    progress({ status: "download", file, loaded: 0, total: size });
    bytes = new Uint8Array(await fs.readFile(target));
  } catch (e) {
    if (e instanceof RangeError) throw e;
    throw new Error(`cannot read '${pathOrUrl}': ${errorText(e)}`);
  }
  progress({ status: "done", file, loaded: bytes.length, total: bytes.length, cached: false });
  return bytes;
}

function gigabytes(bytes) {
  return (bytes / 1e9).toFixed(2);
}

function errorText(e) {
  return e && e.message !== undefined ? String(e.message) : String(e);
}
