// nnjit.pipeline("feature-extraction") over several model folders, for PipelineIT's external data tests: each
// folder's embeddings of the texts (one batch, mean pooling, normalized) and the model files it read. Runs in Node
// (node external-data.mjs NNJIT_JS TEXTS.json DEVICE FOLDER...; prints one JSON line) and in a page (import it and
// call embedEach).

/** -> [{folder, dims, embeddings, files: [file names of done events]}] */
export async function embedEach(nnjit, folders, texts, device) {
  const results = [];
  for (const folder of folders) {
    const files = [];
    const extractor = await nnjit.pipeline("feature-extraction", folder, { device, tuning: false,
      progress_callback: (e) => { if (e.status === "done") files.push(e.file); } });
    const out = await extractor(texts, { pooling: "mean", normalize: true });
    results.push({ folder, dims: out.dims, embeddings: out.tolist(), files,
      executionProvider: extractor.executionProvider });
    await extractor.dispose();
  }
  return results;
}

const RUN_BY_NODE = typeof process !== "undefined" && process.versions != null && process.versions.node != null
  && import.meta.url === (await import("node:url")).pathToFileURL(process.argv[1]).href;
if (RUN_BY_NODE) {
  const { readFileSync } = await import("node:fs");
  const { pathToFileURL } = await import("node:url");
  const [nnjitJs, textsFile, device, ...folders] = process.argv.slice(2);
  const nnjit = await import(pathToFileURL(nnjitJs).href);
  const texts = JSON.parse(readFileSync(textsFile, "utf8"));
  console.log(JSON.stringify(await embedEach(nnjit, folders, texts, device)));
}
