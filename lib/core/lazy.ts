/*
 * Loading on first use. The package index re-exports every public module (jsii needs `export *`), so
 * importing the package loads all of them; what only some stacks need (the provider classes of a
 * network, a perimeter or the launcher, a config file's parser, the launcher's workflow definition)
 * is therefore required where it is used, not when its module loads. A synth then pays only for what
 * its stack declares. test/lazy-loading.test.ts guards it.
 *
 * Idiom: a type-only import (for signatures, and for the loader's return type) and a loader that
 * calls `require` itself, so that a relative path resolves from the calling file:
 *
 *   import type { ComputeNetwork } from '@cdktf/provider-google/lib/compute-network';
 *   const google = lazy({
 *     ComputeNetwork: (): typeof ComputeNetwork => require('@cdktf/provider-google/lib/compute-network').ComputeNetwork,
 *   });
 *   new google.ComputeNetwork(this, 'network', { ... });
 *
 * A function of ours: `renderTuning: (): typeof renderTuning => require('../tuning/render').renderTuning`
 * (with `import type { renderTuning } from '../tuning/render'`). A costly value works the same way:
 * lib/rules/labels.ts builds its Unicode expressions on first use.
 *
 * What every TrainingEnvironment uses (its buckets, keys, identities, policy checks, report) is
 * imported as usual: making it lazy would only move its cost.
 */

/** One loader per property: a function that returns the property's value. */
export type Loaders<T> = { readonly [K in keyof T]: () => T[K] };

/**
 * An object whose properties are loaded on first read: reading `name` the first time calls
 * `loaders[name]()` and keeps its result, so that each loader runs at most once.
 * @param loaders how to load each property
 */
export function lazy<T extends object>(loaders: Loaders<T>): Readonly<T> {
  const target = {} as T;
  for (const name of Object.keys(loaders) as (keyof T & string)[]) {
    Object.defineProperty(target, name, {
      configurable: true,
      enumerable: true,
      get: () => {
        const value = loaders[name]();
        Object.defineProperty(target, name, { value, enumerable: true });
        return value;
      },
    });
  }
  return target;
}
