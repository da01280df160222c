import { findTerraform } from './terraform';

/**
 * `describe` for suites that run Terraform core. Without a `terraform` binary on the PATH the
 * suite is skipped with a warning naming the binary, except in CI (CI=true), where a missing
 * binary fails the suite instead of silently testing nothing.
 */
export function describeWithTerraform(name: string, body: () => void): void {
  if (findTerraform()) {
    describe(name, body);
    return;
  }
  const message = `terraform is not on the PATH: install Terraform >= 1.5 (check blocks) to run "${name}"`;
  if (process.env.CI === 'true') {
    describe(name, () => {
      test('needs the terraform binary', () => {
        throw new Error(`${message} (CI=true: a missing binary fails instead of skipping; PATH=${process.env.PATH ?? ''})`);
      });
    });
    return;
  }
  console.warn(`skipping: ${message}`);
  // Not `describe.skip(name, body)`: Jest would still run the body, which starts Terraform work.
  describe.skip(name, () => test.skip('needs the terraform binary', () => undefined));
}

/**
 * Starts async work at once, while Jest collects the tests (so that the work of every describe
 * block runs concurrently, up to the harness's concurrency limit), and awaits it in a `beforeAll`
 * of the calling block. Reading a result whose work threw rethrows its error: only the tests that
 * read it fail.
 */
export function startAll<T>(work: { [name: string]: () => Promise<T> }, timeout = 120_000): { readonly [name: string]: T } {
  const results: { [name: string]: T } = {};
  const names = Object.keys(work);
  const begin = (name: string): Promise<T> => {
    try {
      return work[name]();
    } catch (error) {
      return Promise.reject(error); // a synchronous throw (a stack that fails to synthesize) too
    }
  };
  const started = Promise.allSettled(names.map(begin));
  beforeAll(async () => {
    const settled = await started;
    names.forEach((name, i) => {
      const result = settled[i];
      Object.defineProperty(results, name, {
        enumerable: true,
        get: () => {
          if (result.status === 'rejected') throw result.reason;
          return result.value;
        },
      });
    });
  }, timeout);
  return results;
}
