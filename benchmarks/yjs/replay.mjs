// The Yjs side of the trace replay comparison (docs/benchmarks.md, issue 19): replays each
// sequential editing trace (the josephg/editing-traces format, gzipped or not) into one Y.Doc's
// Y.Text, one Yjs transaction per trace transaction, and prints one JSON line per trace:
//   {"name":"yjs-trace-replay","trace","ops","millis","final_length","matches_end_content",...}
// `millis` is one replay after `--warmup N` untimed ones (default 2), as TraceReplayMain measures
// ours. Rules: positions in these traces count code points and Yjs counts UTF-16 units, so a
// trace with characters outside the BMP is reported as skipped rather than replayed wrongly;
// concurrent traces (one document per agent, merged by causal order) are skipped too.
// Usage: npm ci && node replay.mjs [--warmup N] TRACE.json[.gz]...
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename } from 'node:path';
import { loadavg } from 'node:os';
import * as Y from 'yjs';

const YJS_VERSION = JSON.parse(
  readFileSync(new URL('./node_modules/yjs/package.json', import.meta.url), 'utf8'),
).version;

function readTrace(file) {
  const bytes = readFileSync(file);
  const text = file.endsWith('.gz') ? gunzipSync(bytes).toString('utf8') : bytes.toString('utf8');
  return JSON.parse(text);
}

function hasAstral(s) {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) return true;
  }
  return false;
}

function replay(trace) {
  const doc = new Y.Doc();
  const text = doc.getText('text');
  if (trace.startContent) text.insert(0, trace.startContent);
  let ops = 0;
  const started = process.hrtime.bigint();
  for (const txn of trace.txns) {
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins.length > 0) text.insert(pos, ins);
        ops++;
      }
    });
  }
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  return { ops, millis, content: text.toString() };
}

const args = process.argv.slice(2);
let warmup = 2;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--warmup') warmup = Number(args[++i]);
  else files.push(args[i]);
}
if (files.length === 0) {
  console.error('usage: node replay.mjs [--warmup N] TRACE.json[.gz]...');
  process.exit(2);
}
let allMatch = true;
for (const file of files) {
  const trace = readTrace(file);
  const name = basename(file).replace(/\.json(\.gz)?$/, '');
  const line = { name: 'yjs-trace-replay', trace: name, yjs: YJS_VERSION, warmup };
  const patches = trace.txns.flatMap((t) => t.patches);
  if (trace.kind === 'concurrent') {
    console.log(JSON.stringify({ ...line, skipped: 'concurrent trace' }));
    continue;
  }
  if (hasAstral(trace.endContent) || patches.some(([, , ins]) => hasAstral(ins))) {
    console.log(JSON.stringify({ ...line, skipped: 'characters outside the BMP' }));
    continue;
  }
  for (let i = 0; i < warmup; i++) replay(trace);
  if (global.gc) global.gc();
  const result = replay(trace);
  const matches = result.content === trace.endContent;
  allMatch &&= matches;
  console.log(
    JSON.stringify({
      ...line,
      ops: result.ops,
      millis: Math.round(result.millis * 10) / 10,
      final_length: result.content.length,
      matches_end_content: matches,
      load_avg_1m: loadavg()[0],
    }),
  );
}
process.exit(allMatch ? 0 : 1);
