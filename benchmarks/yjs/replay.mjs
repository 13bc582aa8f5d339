// The Yjs side of the trace replay comparison (docs/benchmarks.md, issue 19): replays each
// sequential editing trace (the josephg/editing-traces format, gzipped or not) into one Y.Doc's
// Y.Text, one Yjs transaction per trace transaction, and prints one JSON line per trace:
//   {"name":"yjs-trace-replay","trace","ops","millis","final_length","matches_end_content",...}
// `millis` is one replay after `--warmup N` untimed ones (default 2), as TraceReplayMain measures
// ours. Rules: positions in these traces count code points and Yjs counts UTF-16 units, so a
// trace with characters outside the BMP is reported as skipped rather than replayed wrongly.
// A concurrent trace gets one Y.Doc per agent: before an agent's transaction, its document takes in
// the other agents' updates that the transaction's parents have seen (exactly those, in each
// agent's order), then the patches apply at the trace's positions, and the update that transaction
// emits (as a Yjs provider would send it) is kept for the others. The last transaction's agent then holds every transaction; its text is
// checked. Encoding and applying updates is timed: that is how Yjs peers exchange edits.
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

// For each transaction, how many transactions of each agent its parents have seen (a version
// vector): the file lists parents before children, so one pass computes them.
function versionVectors(trace) {
  const agents = trace.numAgents;
  const ownIndex = new Array(trace.txns.length);
  const counts = new Array(agents).fill(0);
  const seen = [];
  trace.txns.forEach((txn, t) => {
    ownIndex[t] = counts[txn.agent]++;
    const before = new Array(agents).fill(0);
    for (const p of txn.parents) {
      const after = seen[p].after;
      for (let a = 0; a < agents; a++) before[a] = Math.max(before[a], after[a]);
    }
    const after = before.slice();
    after[txn.agent] = ownIndex[t] + 1;
    seen.push({ before, after });
  });
  return seen.map((s) => s.before);
}

const LOCAL = Symbol('local');

function replayConcurrent(trace, before) {
  const agents = trace.numAgents;
  const docs = [];
  const updatesByAgent = Array.from({ length: agents }, () => []);
  for (let a = 0; a < agents; a++) {
    const doc = new Y.Doc();
    doc.clientID = a + 1; // deterministic ids: the same merge order on every run
    // The update of each local transaction, as a Yjs provider sends it to the peers.
    doc.on('update', (update, origin) => {
      if (origin === LOCAL) updatesByAgent[a].push(update);
    });
    docs.push(doc);
  }
  const merged = Array.from({ length: agents }, () => new Array(agents).fill(0));
  const next = new Array(agents).fill(0); // per agent: the file position merged up to
  let ops = 0;
  const started = process.hrtime.bigint();
  trace.txns.forEach((txn, t) => {
    const a = txn.agent;
    const doc = docs[a];
    // What the parents have seen of the others is a prefix of the file (the traces' server-prefix
    // property), so it is taken in file order, which is causal order: no update waits in Yjs's
    // pending store for one that comes later (taking each agent's in turn did: 30 times slower).
    while (next[a] < t) {
      const u = trace.txns[next[a]];
      if (u.agent !== a) {
        if (merged[a][u.agent] >= before[t][u.agent]) break;
        Y.applyUpdate(doc, updatesByAgent[u.agent][merged[a][u.agent]++]);
      }
      next[a]++;
    }
    for (let b = 0; b < agents; b++) {
      if (b !== a && merged[a][b] !== before[t][b]) {
        throw new Error(`txn ${t}: its parents' view is not a prefix of the file`);
      }
    }
    const text = doc.getText('text');
    doc.transact(() => {
      for (const [pos, del, ins] of txn.patches) {
        if (del > 0) text.delete(pos, del);
        if (ins.length > 0) text.insert(pos, ins);
        ops++;
      }
    }, LOCAL);
  });
  const millis = Number(process.hrtime.bigint() - started) / 1e6;
  const last = docs[trace.txns[trace.txns.length - 1].agent];
  return { ops, millis, content: last.getText('text').toString() };
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
  if (hasAstral(trace.endContent) || patches.some(([, , ins]) => hasAstral(ins))) {
    console.log(JSON.stringify({ ...line, skipped: 'characters outside the BMP' }));
    continue;
  }
  let run = () => replay(trace);
  if (trace.kind === 'concurrent') {
    const before = versionVectors(trace); // preparation, like parsing: not timed
    run = () => replayConcurrent(trace, before);
    line.agents = trace.numAgents;
  }
  for (let i = 0; i < warmup; i++) run();
  if (global.gc) global.gc();
  const result = run();
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
