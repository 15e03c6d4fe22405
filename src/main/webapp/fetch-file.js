// One file of a model, fetched as a web app needs it: a streamed download that reports progress, the Cache API (so
// a second page load downloads nothing), local files in Node, and a clear error for a file larger than the engine
// can hold. Used by InferenceSession.create (nnjit.js) and the pipelines (pretrained.js).
//
//   const bytes = await fetchFile(urlOrPath, "onnx/model.onnx", progress, {cache: true});
//   progress events: {status: "initiate", file}, {status: "download", file, loaded: 0, total},
//     {status: "progress", file, loaded, total, progress (percent, when total is known)} per chunk,
//     {status: "done", file, loaded, total, cached (true when it came from the Cache API)}.
//   total is 0 when the server does not send Content-Length.
//
// A cached file is revalidated, as a browser revalidates its HTTP cache: the copy keeps the server's ETag and
// Last-Modified, and the next load sends them as If-None-Match / If-Modified-Since. "304 Not Modified" (no body)
// means the cached copy is used; a 200 brings the changed file, which replaces it. A server that cannot be reached
// or answers with an error leaves the cached copy in use (so a cached model loads offline), and so does a file the
// server sent neither validator for (nothing to ask with; clearModelCache() forgets it). revalidate: false uses
// a cached copy without asking the server at all (no request: the fastest load, but a changed file is not seen).

/**
 * The largest file the engine can take: its bytes go into one Java buffer (int-indexed: 2 GiB - 1), and the Wasm GC
 * build's linear memory is 2 GiB in all. Larger weights must be split into external data files.
 */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

/** The Cache API cache that holds downloaded model files, keyed by absolute URL. */
export const MODEL_CACHE_NAME = "nnjit-models";

const RUNS_IN_NODE = typeof process !== "undefined" && process.versions != null && process.versions.node != null;

/** The response headers a cached copy keeps so that it can be revalidated. */
const VALIDATORS = [["etag", "If-None-Match"], ["last-modified", "If-Modified-Since"]];

/**
 * The bytes of a URL (fetched; in Node also a file path or file: URL). cache: use the Cache API where it exists;
 * revalidate: ask the server whether a cached copy is still current (see above); optional: null instead of an
 * error when the file does not exist (HTTP 404, no such file).
 */
export async function fetchFile(source, file, progress, { cache = false, revalidate = true, optional = false } = {}) {
  const text = String(source);
  if (RUNS_IN_NODE && !/^https?:/i.test(text)) return readLocalFile(text, file, progress, optional);
  const store = cache ? await openModelCache() : null;
  progress({ status: "initiate", file });
  const hit = store === null ? undefined : await store.match(text);
  const conditions = hit ? conditionsOf(hit) : {};
  if (hit && (!revalidate || Object.keys(conditions).length === 0)) return readBody(hit, file, progress, true);
  let response;
  try {
    // no-store: the answer to our own If-None-Match must reach us, not be completed from the HTTP cache.
    response = await fetch(text, hit ? { headers: conditions, cache: "no-store" } : undefined);
  } catch (e) {
    if (hit) return staleCopy(hit, file, progress, errorText(e));
    throw new Error(`cannot fetch '${text}': ${errorText(e)}`);
  }
  if (hit && response.status === 304) return readBody(hit, file, progress, true);
  if (hit && !response.ok) return staleCopy(hit, file, progress, `HTTP ${response.status}`);
  if (optional && response.status === 404) return null;
  if (!response.ok) throw new Error(`cannot fetch '${text}': HTTP ${response.status} ${response.statusText}`.trim());
  const bytes = await readBody(response, file, progress, false);
  if (store !== null) {
    const headers = { "Content-Type": "application/octet-stream", "Content-Length": String(bytes.length) };
    for (const [name] of VALIDATORS) if (response.headers.has(name)) headers[name] = response.headers.get(name);
    try {
      await store.put(text, new Response(bytes, { headers }));
    } catch (e) {
      // A full or unavailable cache costs a download next time, not this load.
      console.warn(`[nnjit] ${file} was not cached (${errorText(e)}): the next load downloads it again`);
    }
  }
  return bytes;
}

/** The conditional request headers for a cached response: {If-None-Match, If-Modified-Since} where it has them. */
function conditionsOf(cached) {
  const conditions = {};
  for (const [name, condition] of VALIDATORS) if (cached.headers.has(name)) conditions[condition] = cached.headers.get(name);
  return conditions;
}

function staleCopy(cached, file, progress, why) {
  console.warn(`[nnjit] ${file}: could not check the server for a newer copy (${why}); using the cached one`);
  return readBody(cached, file, progress, true);
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
