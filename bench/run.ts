/**
 * `npm run bench`: synthesizes each target in fresh processes, alternating targets so that machine
 * noise spreads evenly, and reports the median wall time and peak memory, plus the library's cost
 * relative to a hand-written baseline. Options: `--runs N` (default 9), `--only a,b`.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { COMPARISONS, TARGETS } from './targets';

interface Sample { wallMs: number; maxRssKb: number }

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

function measure(target: string): Sample {
  const outdir = mkdtempSync(join(tmpdir(), 'vt-bench-'));
  try {
    const output = execFileSync(process.execPath, [join(__dirname, 'synth-once.js'), target, outdir], { encoding: 'utf8' });
    return JSON.parse(output.trim().split('\n').pop()!);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
}

const runs = Number(argument('runs') ?? 9);
const only = argument('only')?.split(',');
const targets = Object.keys(TARGETS).filter((t) => !only || only.includes(t));
const samples: { [target: string]: Sample[] } = Object.fromEntries(targets.map((t) => [t, []]));

measure(targets[0]); // warm the file-system cache once, unmeasured
for (let run = 0; run < runs; run++) {
  for (const target of targets) samples[target].push(measure(target));
}

const rows = targets.map((target) => ({
  target,
  wallMs: median(samples[target].map((s) => s.wallMs)),
  maxRssMb: median(samples[target].map((s) => s.maxRssKb)) / 1024,
}));
console.log(`Synth of each target in a fresh process; median of ${runs} runs (node ${process.version}).\n`);
console.log('| target | wall time (ms) | peak RSS (MiB) |');
console.log('| --- | ---: | ---: |');
for (const row of rows) console.log(`| ${row.target} | ${row.wallMs.toFixed(0)} | ${row.maxRssMb.toFixed(0)} |`);
const byName = Object.fromEntries(rows.map((r) => [r.target, r]));
for (const [target, baseline] of Object.entries(COMPARISONS)) {
  if (!byName[target] || !byName[baseline]) continue;
  const ratio = byName[target].wallMs / byName[baseline].wallMs;
  const memory = byName[target].maxRssMb / byName[baseline].maxRssMb;
  console.log(`\n${target} vs ${baseline}: time ×${ratio.toFixed(2)}, memory ×${memory.toFixed(2)}`);
}
