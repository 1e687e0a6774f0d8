// Learner-model benchmark driver: runs pathwise_learner_bench natively (with the simulated courses) and then as
// wasm under Node (one after the other: two cores), reads their `learner-bench` lines and prints the figures of
// issue 4 next to their budgets, with the wasm/native ratio of choose_next. The figures are measured by
// tests/bench/learner_bench.cpp (see its header). Budgets never fail it: it exits 1 only when it could not measure.
//
// Run:  node tests/bench/learner.bench.mjs [--native=PATH] [--wasm=PATH] [--courses=DIR]
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const options = {
  native: path.join(ROOT, 'build/tests/bench/pathwise_learner_bench'),
  wasm: path.join(ROOT, 'build/web/tests/bench/pathwise_learner_bench.js'),
  courses: path.join(ROOT, 'content'),
};
for (const arg of process.argv.slice(2)) {
  const [name, value] = arg.split(/=(.*)/s, 2);
  if (name === '--native' && value) options.native = path.resolve(value);
  else if (name === '--wasm' && value) options.wasm = path.resolve(value);
  else if (name === '--courses' && value) options.courses = path.resolve(value);
  else {
    console.error(`unknown argument ${arg} (usage: [--native=PATH] [--wasm=PATH] [--courses=DIR])`);
    process.exit(1);
  }
}

function run(label, file, command, args) {
  if (!existsSync(file)) throw new Error(`${label}: ${file} not found; build it first`);
  console.log(`\n== ${label}`);
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 1 << 24 });
  process.stdout.write(result.stdout ?? '');
  if (result.status !== 0) throw new Error(`${label} exited with ${result.status}: ${result.stderr}`);
  const line = (result.stdout ?? '').split('\n').find((l) => l.startsWith('learner-bench '));
  if (!line) throw new Error(`${label}: no learner-bench line`);
  return Object.fromEntries(line.split(' ').slice(1).map((pair) => pair.split('=')).map(([k, v]) => [k, Number(v)]));
}

try {
  const native = run('native', options.native, options.native, [`--courses=${options.courses}`]);
  const wasm = run('wasm (Node)', options.wasm, process.execPath, ['--no-experimental-fetch', options.wasm]);
  const rows = [
    ['fold 100,000 events (native)', `${native.fold_100k_ms.toFixed(1)} ms`, '≤ 100 ms', native.fold_100k_ms <= 100],
    ['choose_next p99, 2,000 skills / 20,000 activities / 50,000 events (native)',
      `${native.choose_p99_ms.toFixed(3)} ms`, '≤ 1 ms', native.choose_p99_ms <= 1],
    ['choose_next p99 (wasm)', `${wasm.choose_p99_ms.toFixed(3)} ms`, '', null],
    ['choose_next slowest of the first 100 calls, native / wasm (cold start, not in the p99)',
      `${native.choose_cold_max_ms.toFixed(3)} / ${wasm.choose_cold_max_ms.toFixed(3)} ms`, '', null],
    ['choose_next p99 wasm / native', `${(wasm.choose_p99_ms / native.choose_p99_ms).toFixed(2)}×`, '≤ 2×',
      wasm.choose_p99_ms / native.choose_p99_ms <= 2],
    ['fit 100,000 responses (native)', `${native.fit_100k_ms.toFixed(0)} ms`, '≤ 1000 ms', native.fit_100k_ms <= 1000],
    ['BKT recovery from 10,000 responses, worst error of 5 seeds', native.fit_recovery_worst.toFixed(4), '≤ 0.05',
      native.fit_recovery_worst <= 0.05],
  ];
  for (const course of ['fractions', 'spanish-a1', 'ecosystems']) {
    const fewer = native[`${course}_fewer`];
    const falseMastery = native[`${course}_false_mastery`];
    const success = native[`${course}_success`];
    rows.push([`${course}: adaptive needs fewer attempts than linear`, `${(100 * fewer).toFixed(1)} %`, '≥ 25 %',
      fewer >= 0.25]);
    rows.push([`${course}: false mastery`, `${(100 * falseMastery).toFixed(1)} %`, '≤ 5 %', falseMastery <= 0.05]);
    rows.push([`${course}: observed success`, success.toFixed(3), '0.65–0.85', success >= 0.65 && success <= 0.85]);
  }
  console.log('\n| Figure | Measured | Budget | |\n| --- | --- | --- | --- |');
  for (const [name, value, budget, met] of rows)
    console.log(`| ${name} | ${value} | ${budget} | ${met === null ? '' : met ? 'met' : 'NOT MET'} |`);
} catch (error) {
  console.error(`learner bench: ${error.message}`);
  process.exit(1);
}
