import { spawn } from 'child_process';
import { accessSync, constants } from 'fs';
import { cpus } from 'os';
import { delimiter, join } from 'path';

/** The `terraform` executable on the PATH, or undefined. */
export function findTerraform(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, process.platform === 'win32' ? 'terraform.exe' : 'terraform');
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return undefined;
}

/** The outcome of one terraform command. */
export interface CommandResult {
  args: string[];
  code: number;
  stdout: string;
  stderr: string;
  milliseconds: number;
}

/**
 * The environment of every terraform run: the caller's, less every `TF_*` variable (a stray
 * TF_WORKSPACE, TF_DATA_DIR or TF_CLI_ARGS would change what runs), plus a hermetic CLI config.
 */
export function terraformEnvironment(cliConfigFile: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!key.startsWith('TF_') && key !== 'CHECKPOINT_DISABLE') env[key] = value;
  return { ...env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', TF_CLI_CONFIG_FILE: cliConfigFile };
}

/** Runs `terraform args...` in `cwd` (never through a shell), resolving whatever its exit code. */
export function runTerraform(binary: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({
      args,
      code: code ?? -1,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
      milliseconds: Date.now() - started,
    }));
  });
}

/** At most `limit` tasks at once; the rest wait in order. */
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  /** Runs `task` when a place is free. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}

/** Concurrent stacks per test process: TF_CORE_CONCURRENCY, or twice the cores (terraform mostly waits on itself). */
export const stackSlots = new Semaphore(Number(process.env.TF_CORE_CONCURRENCY) || Math.max(2, cpus().length * 2));
