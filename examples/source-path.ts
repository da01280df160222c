import { join, sep } from 'path';

/**
 * A path in the examples' sources. The cdktf app runs compiled from dist/examples, the tests from
 * examples: both resolve to the same source folder (training code is not compiled).
 */
export function sourcePath(directory: string, ...parts: string[]): string {
  return join(directory.replace(`${sep}dist${sep}examples`, `${sep}examples`), ...parts);
}
