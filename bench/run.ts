/**
 * `npm run bench`: synthesizes each target in fresh processes, alternating targets so that machine
 * noise spreads evenly, and reports the median wall time, peak memory and modules loaded, the library's cost
 * relative to a hand-written baseline, and how the synthesis of 1 to 1,000 jobs scales.
 *
 * Options: `--runs N` (default 9) runs of every target; `--heavy-runs M` (default 5) runs of the
 * 1,000-job targets (HEAVY_TARGETS in ./targets), spread evenly over the N rounds; `--only a,b`
 * measures only those targets; `--check` exits with status 1 when a scale target is missed.
 * Runs are sequential (one synthesis at a time), so that a 2-core machine measures without
 * contention; the defaults take about two minutes on a quiet 2-core machine (one round of all
 * targets is about 15 s, of which 7 s are the two 1,000-job targets), three under other load.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { performance } from 'perf_hooks';
import { SCALE_SIZES } from './scale-shape';
import { COMPARISONS, HEAVY_TARGETS, SCALE_TARGETS, scaleTarget, TARGETS } from './targets';

interface Sample { wallMs: number; maxRssKb: number; modules: number }
interface Row { target: string; runs: number; wallMs: number; maxRssMb: number; modules: number }

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function count(name: string, fallback: number): number {
  const value = Number(argument(name) ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a whole number ≥ 1`);
  return value;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(target: string): Sample {
  const outdir = mkdtempSync(join(tmpdir(), 'vt-bench-'));
  try {
    // stderr captured, shown only on failure: the library's warnings would drown the table.
    const output = execFileSync(process.execPath, [join(__dirname, 'synth-once.js'), target, outdir], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(output.trim().split('\n').pop()!);
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim().split('\n').slice(-20).join('\n');
    throw new Error(`synthesizing ${target} failed: ${(error as Error).message}\n${stderr}`);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

/** Whether a target with `runs` of `rounds` runs is measured in round `round`: spread evenly. */
function runsInRound(runs: number, rounds: number, round: number): boolean {
  return Math.floor(((round + 1) * runs) / rounds) > Math.floor((round * runs) / rounds);
}

const started = performance.now();
const runs = count('runs', 9);
const heavyRuns = Math.min(count('heavy-runs', 5), runs);
const only = argument('only')?.split(',');
const unknown = (only ?? []).filter((t) => !TARGETS[t]);
if (unknown.length > 0) throw new Error(`unknown target(s) ${unknown.join(', ')} (known: ${Object.keys(TARGETS).join(', ')})`);
const targets = Object.keys(TARGETS).filter((t) => !only || only.includes(t));
const runsOf = (target: string) => (HEAVY_TARGETS.has(target) ? heavyRuns : runs);
const samples: { [target: string]: Sample[] } = Object.fromEntries(targets.map((t) => [t, []]));

measure(targets[0]); // warm the file-system cache once, unmeasured
for (let round = 0; round < runs; round++) {
  for (const target of targets) {
    if (runsInRound(runsOf(target), runs, round)) samples[target].push(measure(target));
  }
}

const rows: Row[] = targets.map((target) => ({
  target,
  runs: samples[target].length,
  wallMs: median(samples[target].map((s) => s.wallMs)),
  maxRssMb: median(samples[target].map((s) => s.maxRssKb)) / 1024,
  modules: median(samples[target].map((s) => s.modules)),
}));
const byName: { [target: string]: Row } = Object.fromEntries(rows.map((r) => [r.target, r]));
const ms = (value: number) => value.toFixed(0);
const times = (value: number) => `×${value.toFixed(2)}`;

const heavy = targets.filter((t) => HEAVY_TARGETS.has(t));
console.log(`Synth of each target in a fresh process, module loading included; median of ${runs} runs`
  + `${heavy.length > 0 && heavyRuns < runs ? ` (${heavyRuns} for ${heavy.join(', ')})` : ''}; node ${process.version}.\n`);
console.log('| target | runs | wall time (ms) | peak RSS (MiB) | modules loaded |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const row of rows) console.log(`| ${row.target} | ${row.runs} | ${ms(row.wallMs)} | ${ms(row.maxRssMb)} | ${row.modules} |`);

for (const [target, baseline] of Object.entries(COMPARISONS)) {
  if (!byName[target] || !byName[baseline] || target.startsWith('scale-')) continue;
  const ratio = byName[target].wallMs / byName[baseline].wallMs;
  const memory = byName[target].maxRssMb / byName[baseline].maxRssMb;
  console.log(`\n${target} vs ${baseline}: time ${times(ratio)}, memory ${times(memory)}, modules loaded ${byName[target].modules} vs ${byName[baseline].modules}`);
}

// Scale: library and hand-written baseline side by side, per stack size.
const sizes = SCALE_SIZES.filter((jobs) => byName[scaleTarget(jobs, 'library')] && byName[scaleTarget(jobs, 'baseline')]);
const misses: string[] = [];
if (sizes.length > 0) {
  console.log('\nScale: stacks of N CustomTrainingJobs (library) and their hand-written twin (baseline).\n');
  console.log('| jobs | library (ms) | baseline (ms) | time ratio | library (MiB) | baseline (MiB) | memory ratio |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const jobs of sizes) {
    const library = byName[scaleTarget(jobs, 'library')];
    const baseline = byName[scaleTarget(jobs, 'baseline')];
    console.log(`| ${jobs.toLocaleString('en-US')} | ${ms(library.wallMs)} | ${ms(baseline.wallMs)} | ${times(library.wallMs / baseline.wallMs)}`
      + ` | ${ms(library.maxRssMb)} | ${ms(baseline.maxRssMb)} | ${times(library.maxRssMb / baseline.maxRssMb)} |`);
  }
  const library1000 = byName[scaleTarget(1000, 'library')];
  const baseline1000 = byName[scaleTarget(1000, 'baseline')];
  const library100 = byName[scaleTarget(100, 'library')];
  const baseline100 = byName[scaleTarget(100, 'baseline')];
  console.log('');
  if (library1000 && baseline1000) {
    const ratio = library1000.wallMs / baseline1000.wallMs;
    const ok = ratio <= SCALE_TARGETS.maxRatioToBaseline;
    if (!ok) misses.push('ratio to baseline');
    console.log(`1,000 jobs, library vs baseline: time ${times(ratio)} (target ≤ ×${SCALE_TARGETS.maxRatioToBaseline}: ${ok ? 'met' : 'MISSED'}),`
      + ` memory ${times(library1000.maxRssMb / baseline1000.maxRssMb)}`);
  }
  if (library1000 && library100) {
    const growth = library1000.wallMs / library100.wallMs;
    const ok = growth <= SCALE_TARGETS.maxGrowth100To1000;
    if (!ok) misses.push('growth');
    const reference = baseline1000 && baseline100 ? `; baseline ${times(baseline1000.wallMs / baseline100.wallMs)}` : '';
    console.log(`Growth, 1,000 jobs vs 100: library time ${times(growth)} (target ≤ ×${SCALE_TARGETS.maxGrowth100To1000}: ${ok ? 'met' : 'MISSED'})${reference}`);
    // Wall times include a fixed cost (node, module loading, the environment) that flatters growth;
    // without it, linear growth is ×10 (the 1-job stack stands for the fixed cost).
    const library1 = byName[scaleTarget(1, 'library')];
    const baseline1 = byName[scaleTarget(1, 'baseline')];
    if (library1) {
      const perJob = (library1000.wallMs - library1.wallMs) / (library100.wallMs - library1.wallMs);
      const baselinePerJob = baseline1 && baseline1000 && baseline100
        ? `; baseline ${times((baseline1000.wallMs - baseline1.wallMs) / (baseline100.wallMs - baseline1.wallMs))}` : '';
      console.log(`Growth of the per-job part (time minus the 1-job stack's), 1,000 jobs vs 100: library ${times(perJob)} (linear: ×10.1)${baselinePerJob}`);
    }
  }
}
console.log(`\nBenchmark took ${((performance.now() - started) / 1000).toFixed(0)} s.`);
if (process.argv.includes('--check') && misses.length > 0) {
  console.error(`Scale targets missed: ${misses.join(', ')}`);
  process.exitCode = 1;
}
