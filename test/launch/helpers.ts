import { FakeGoogle, LAUNCHER_ENV } from '../helpers/google-fakes';
import { RunResult } from '../helpers/workflows';

/** Assertions shared by the executed-launcher tests. */

/** The `launch_key` labels of the jobs created so far, in order. */
export function launchedKeys(google: FakeGoogle): string[] {
  return google.vertex.jobs.map((job) => job.body.labels.launch_key);
}

/** The `event` of every structured log entry of a run, in order. */
export function events(run: RunResult): string[] {
  return run.logs.map((entry) => (entry.json as any)?.event).filter((event) => event !== undefined);
}

/** The structured log entries of one event. */
export function logsOf(run: RunResult, event: string): any[] {
  return run.logs.filter((entry) => (entry.json as any)?.event === event).map((entry) => ({ severity: entry.severity, ...(entry.json as any) }));
}

/** The outcomes a successful run returned. */
export function outcomes(run: RunResult): any[] {
  expect(run.error).toBeUndefined();
  expect(run.state).toBe('SUCCEEDED');
  return (run.result as any).outcomes;
}

/** The launch record of a key. */
export function record(google: FakeGoogle, key: string): any {
  return google.storage.json(LAUNCHER_ENV.staging, `launches/${key}.json`);
}

/** No created body was refused by the v1 protos. */
export function expectValidBodies(google: FakeGoogle): void {
  expect(google.vertex.invalidBodies).toEqual([]);
}
