/**
 * One measured synthesis, in a process of its own: `node dist/bench/synth-once.js <target> <outdir>`.
 * Prints one JSON line: wall time since process start (module loading included), peak RSS and the
 * number of modules loaded (what a stack's synth pays for: lib/core/lazy.ts).
 */
import { performance } from 'perf_hooks';
import { App } from 'cdktf';
import { TARGETS } from './targets';

const [target, outdir] = process.argv.slice(2);
const build = TARGETS[target];
if (!build) throw new Error(`unknown target ${target} (known: ${Object.keys(TARGETS).join(', ')})`);
const app = new App({ outdir, skipValidation: false });
build(app);
app.synth();
process.stdout.write(`${JSON.stringify({ wallMs: performance.now(), maxRssKb: process.resourceUsage().maxRSS, modules: Object.keys(require.cache).length })}\n`);
