// Tuning-record documents ({"format": "nnjit-tuning", "version": 1, "adapter": {...}, "records": [...]}, written by
// the engine's tuningRecords()) merged across processes: one document per adapter, one record per (family, problem,
// candidate-set checksum), the newer measurement winning.

/** `before` (document text or null) with every record of `measured` added or replacing its twin; returns text. */
export function mergeRecords(before, measured) {
  const next = JSON.parse(measured);
  if (!before) return JSON.stringify(next) + '\n';
  const doc = JSON.parse(before);
  if (doc.format !== next.format || doc.version !== next.version) {
    throw new Error(`records: format ${doc.format}/${doc.version} vs ${next.format}/${next.version}`);
  }
  if (doc.adapter.id !== next.adapter.id) {
    throw new Error(`records: the file holds adapter ${doc.adapter.id}, this process measured ${next.adapter.id}`);
  }
  const key = (r) => `${r.family}|${r.problem}|${r.spaceChecksum}`;
  const merged = new Map(doc.records.map((r) => [key(r), r]));
  for (const r of next.records) merged.set(key(r), r);
  doc.records = [...merged.values()];
  return JSON.stringify(doc) + '\n';
}
