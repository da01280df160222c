import { resolve } from 'path';
import { PackageSource } from './intent';
import { STRING, withInput } from '../core/field-types';

/**
 * Python code that a prebuilt training image installs with pip before it runs the module: a local
 * project directory (packaged at synth time), a built source distribution or wheel, or an object
 * already in Cloud Storage. Local packages are uploaded to the environment's staging bucket under a
 * name derived from their content hash, so unchanged code uploads nothing and does not change the job.
 */
export class PythonPackage {
  /**
   * A local Python project. At synth time it is packaged as a deterministic source distribution
   * `<name>-<version>.tar.gz` (the same sources give the same bytes). The directory must hold
   * `setup.py` or `pyproject.toml`. Left out: `.git`, `.venv`, `node_modules`, `__pycache__`, `*.pyc`,
   * `*.egg-info`, tool caches, and `dist`/`build` at its top. Symbolic links are refused.
   * @param path the project directory, relative to the working directory of `cdktf synth`
   */
  public static fromDirectory(path: string): PythonPackage {
    return withInput(new PythonPackage({ kind: 'directory', path, absolutePath: typeof path === 'string' ? resolve(path) : String(path) }), '', path, STRING);
  }

  /**
   * A built source distribution (`.tar.gz`, `.zip`) or wheel (`.whl`), uploaded as is; its file
   * name is kept (pip reads a wheel's name, version and tags from it).
   * @param path the file, relative to the working directory of `cdktf synth`
   */
  public static fromFile(path: string): PythonPackage {
    return withInput(new PythonPackage({ kind: 'file', path, absolutePath: typeof path === 'string' ? resolve(path) : String(path) }), '', path, STRING);
  }

  /**
   * A package already in Cloud Storage, used as is.
   * @param uri `gs://BUCKET/OBJECT`, the object ending in `.tar.gz`, `.zip` or `.whl`
   */
  public static fromGcsUri(uri: string): PythonPackage {
    return withInput(new PythonPackage({ kind: 'gcs', uri }), '', uri, STRING);
  }

  /** @internal */
  public readonly _source: PackageSource;

  private constructor(source: PackageSource) {
    this._source = source;
  }
}
