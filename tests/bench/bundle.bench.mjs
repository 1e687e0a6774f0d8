// Bundle benchmark driver: runs pathwise_bundle_bench natively and as wasm under Node (one after the other, never
// together: two cores), reads their `bundle-*` lines and prints MB/s for each, the wasm/native ratio, peak memory
// ratios and the budgets. The figures themselves are measured by tests/bench/bundle_bench.cpp (see its header for
// how); both builds generate the same bytes from the same seed, which the sha256 column confirms.
//
// Run:  node tests/bench/bundle.bench.mjs [--native=PATH] [--wasm=PATH] [-- ARGS FOR BOTH, e.g. --runs=9 --stages]
//   PATH defaults: $PATHWISE_BUNDLE_BENCH_NATIVE or build/tests/bench/pathwise_bundle_bench, and
//                  $PATHWISE_BUNDLE_BENCH_WASM or build/web/tests/bench/pathwise_bundle_bench.js.
//   --only=native|wasm runs one of them.
// It prints figures and exits 0 (budgets never fail it); it exits 1 only when it could not measure (a binary is
// missing or failed, the bundle was invalid, or the two builds did not parse the same bytes).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUDGET = { nativeMBps: 50, wasmSlowdown: 2, peakRatio: 4 };

function parseArgs(argv) {
  const options = {
    native: process.env.PATHWISE_BUNDLE_BENCH_NATIVE || path.join(ROOT, 'build/tests/bench/pathwise_bundle_bench'),
    wasm: process.env.PATHWISE_BUNDLE_BENCH_WASM || path.join(ROOT, 'build/web/tests/bench/pathwise_bundle_bench.js'),
    only: null,
    forward: [],
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--') { options.forward = argv.slice(i + 1); break; }
    const [name, value] = arg.split(/=(.*)/s, 2);
    if (name === '--native' && value) options.native = path.resolve(value);
    else if (name === '--wasm' && value) options.wasm = path.resolve(value);
    else if (name === '--only' && (value === 'native' || value === 'wasm')) options.only = value;
    else throw new Error(`unknown argument ${arg} (usage: [--native=PATH] [--wasm=PATH] [--only=native|wasm] [-- ARGS])`);
  }
  return options;
}

// `bundle-bench a=1 b=x ...` → { kind: 'bundle-bench', a: '1', b: 'x', text: 'rest' }.
function parseLine(line) {
  const [kind, ...tokens] = line.trim().split(/\s+/);
  const fields = { kind, words: [] };
  for (const token of tokens) {
    const eq = token.indexOf('=');
    if (eq > 0) fields[token.slice(0, eq)] = token.slice(eq + 1);
    else fields.words.push(token);
  }
  return fields;
}

function run(platform, command, args) {
  console.log(`\n$ ${[command, ...args].join(' ')}`);
  const started = Date.now();
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new Error(`${platform}: could not run ${command}: ${result.error.message}`);
  process.stdout.write(result.stdout);
  if (result.stderr) process.stderr.write(result.stderr);
  if (result.status !== 0) throw new Error(`${platform}: exited with status ${result.status} (signal ${result.signal})`);
  const lines = result.stdout.split('\n').filter((line) => line.startsWith('bundle-')).map(parseLine);
  const bench = lines.find((line) => line.kind === 'bundle-bench');
  if (!bench) throw new Error(`${platform}: no bundle-bench line in its output`);
  return {
    bench,
    stages: lines.filter((line) => line.kind === 'bundle-stage'),
    tree: lines.find((line) => line.kind === 'bundle-tree'),
    budgets: lines.filter((line) => line.kind === 'bundle-budget'),
    wallSeconds: (Date.now() - started) / 1000,
  };
}

function table(rows) {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => String(row[column]).length)));
  return rows.map((row) => row.map((cell, column) => String(cell).padEnd(widths[column])).join('  ').trimEnd())
    .join('\n');
}

const num = (value) => Number(value);
const fmt = (value, digits = 1) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const mb = (bytes) => `${fmt(num(bytes) / (1024 * 1024), 1)} MB`;
const verdict = (ok) => (ok ? 'budget ok' : 'OVER BUDGET');

function main() {
  const options = parseArgs(process.argv.slice(2));
  const results = {};
  if (options.only !== 'wasm') {
    if (!existsSync(options.native)) throw new Error(`no native benchmark at ${options.native} (build pathwise_bundle_bench, or pass --native=PATH)`);
    results.native = run('native', options.native, options.forward);
  }
  if (options.only !== 'native') {
    if (!existsSync(options.wasm)) throw new Error(`no wasm benchmark at ${options.wasm} (build the web tree, or pass --wasm=PATH)`);
    // Node 20's global fetch confuses Emscripten 3.1.6's loader (TOOLCHAIN.md): keep it out.
    results.wasm = run('wasm', process.execPath, ['--no-experimental-fetch', options.wasm, ...options.forward]);
  }
  const platforms = Object.keys(results);
  const { native, wasm } = results;
  if (native && wasm && native.bench.sha256 !== wasm.bench.sha256) {
    throw new Error(`the two builds parsed different bundles (sha256 ${native.bench.sha256} vs ${wasm.bench.sha256})`);
  }

  const first = results[platforms[0]].bench;
  console.log(`\n== Parse + validate one bundle: ${mb(first.bytes)} (${first.bytes} bytes), ${first.activities} activities, ` +
    `${first.skills} skills, layout ${first.layout}, sha256 ${first.sha256}${platforms.length > 1 ? ' (same bytes on both)' : ''} ==`);
  console.log(table([
    ['platform', 'median ms', 'min ms', 'MB/s', 'activities/s', 'peak heap', 'peak/bundle', '+input', 'kept/bundle', 'allocations', 'free ms'],
    ...platforms.map((name) => {
      const b = results[name].bench;
      return [name, fmt(num(b.median_ms)), fmt(num(b.min_ms)), fmt(num(b.mb_per_s)), fmt(num(b.activities_per_s), 0),
        mb(b.peak_heap_bytes), `${fmt(num(b.peak_ratio), 2)}x`, `${fmt(num(b.peak_total_ratio), 2)}x`,
        `${fmt(num(b.retained_ratio), 2)}x`, b.allocations, fmt(num(b.free_ms))];
    }),
  ]));
  console.log('MB = 2^20 bytes; median and min of the timed runs; peak heap = requested bytes live during parse_bundle\n' +
    'above what was live before (the input text not included; +input adds it); kept = the returned Bundle.');

  const stagePlatforms = platforms.filter((name) => results[name].stages.length > 0);
  if (stagePlatforms.length > 0) {
    const names = results[stagePlatforms[0]].stages.map((stage) => stage.stage);
    const ms = (name, stage) => num((results[name].stages.find((s) => s.stage === stage) || {}).median_ms);
    console.log('\n== Stages (each timed on its own; the last one by difference) ==');
    console.log(table([
      ['stage', ...stagePlatforms.map((name) => `${name} ms`), ...stagePlatforms.map((name) => `${name} share`),
        ...(stagePlatforms.length === 2 ? ['wasm/native'] : [])],
      ...names.map((stage) => [stage,
        ...stagePlatforms.map((name) => fmt(ms(name, stage))),
        ...stagePlatforms.map((name) => (results[name].stages.find((s) => s.stage === stage) || {}).share || ''),
        ...(stagePlatforms.length === 2 ? [`${fmt(ms('wasm', stage) / ms('native', stage), 2)}x`] : [])]),
    ]));
    console.log('\n== The JSON tree (json::parse alone) ==');
    console.log(table([
      ['platform', 'values', 'keys', 'sizeof(Value)', 'sizeof(Member)', 'tree', 'tree/bundle', 'bytes/value', 'json::parse peak/bundle'],
      ...stagePlatforms.filter((name) => results[name].tree).map((name) => {
        const t = results[name].tree;
        return [name, t.values, t.keys, t.sizeof_value, t.sizeof_member, mb(t.tree_bytes), `${fmt(num(t.tree_ratio), 2)}x`,
          fmt(num(t.tree_bytes_per_value)), `${fmt(num(t.json_parse_peak_ratio), 2)}x`];
      }),
    ]));
  }

  console.log('\n== Summary ==');
  const rows = [['figure', 'value', 'budget', 'verdict']];
  if (native) {
    const mbps = num(native.bench.mb_per_s);
    rows.push(['native MB/s (median)', fmt(mbps), `>= ${BUDGET.nativeMBps}`, verdict(mbps >= BUDGET.nativeMBps)]);
  }
  if (wasm) {
    rows.push(['wasm MB/s (median)', fmt(num(wasm.bench.mb_per_s)), native ? 'see ratio' : `>= ${BUDGET.nativeMBps / BUDGET.wasmSlowdown} (implied)`,
      native ? 'info' : verdict(num(wasm.bench.mb_per_s) >= BUDGET.nativeMBps / BUDGET.wasmSlowdown)]);
  }
  if (native && wasm) {
    const ratio = num(wasm.bench.median_ms) / num(native.bench.median_ms);
    const ratioMin = num(wasm.bench.min_ms) / num(native.bench.min_ms);
    rows.push(['wasm/native time (median)', `${fmt(ratio, 2)}x`, `<= ${BUDGET.wasmSlowdown}x`, verdict(ratio <= BUDGET.wasmSlowdown)]);
    rows.push(['wasm/native time (min)', `${fmt(ratioMin, 2)}x`, `<= ${BUDGET.wasmSlowdown}x`, verdict(ratioMin <= BUDGET.wasmSlowdown)]);
  }
  for (const name of platforms) {
    const ratio = num(results[name].bench.peak_ratio);
    rows.push([`${name} peak heap / bundle`, `${fmt(ratio, 2)}x`, `<= ${BUDGET.peakRatio}x`, verdict(ratio <= BUDGET.peakRatio)]);
  }
  console.log(table(rows));
  console.log(`\ndate ${new Date().toISOString()}   cpu ${os.cpus()[0].model} x ${os.cpus().length} cores   ` +
    `load average ${os.loadavg().map((value) => fmt(value, 2)).join(' ')}   node ${process.version}`);
}

try {
  main();
} catch (error) {
  console.error(`\nbundle benchmark could not measure: ${error && error.message ? error.message : error}`);
  process.exitCode = 1;
}
