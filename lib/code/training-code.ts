import { ContainerImage } from './container-image';
import { Framework } from './framework';
import { CodeIntent } from './intent';
import { PythonPackage } from './python-package';
import { listInput, objectInput, withInput } from '../core/field-types';
import { CONTAINER_CODE_OPTIONS, PREBUILT_CODE_OPTIONS } from '../core/input-types';

/** Options every kind of training code takes. */
export interface TrainingCodeOptions {
  /**
   * Command-line arguments. Strings reach Vertex AI as written, `${...}` included (e.g.
   * `--model-dir=${AIP_MODEL_DIR}` for the program's shell-style expansion); cdktf tokens resolve.
   * @default - no arguments
   */
  readonly args?: string[];
  /**
   * Environment variables (at most 100; names `[A-Za-z_][A-Za-z0-9_]*`), in the order given.
   * @default - none besides those Vertex AI sets
   */
  readonly env?: { [name: string]: string };
}

/** Python code run by a prebuilt training image. */
export interface PrebuiltCodeOptions extends TrainingCodeOptions {
  /** Framework of the prebuilt image. */
  readonly framework: Framework;
  /**
   * Framework version as `MAJOR.MINOR`, e.g. `2.17`; it must have an image for the job's hardware
   * (CPU, GPU or TPU).
   */
  readonly frameworkVersion: string;
  /**
   * The training package. Give `pythonPackage` (one) or `packages` (several).
   * @default - `packages` is used
   */
  readonly pythonPackage?: PythonPackage;
  /**
   * The training package and its local dependencies, installed in order (1–100).
   * @default - `pythonPackage` is used
   */
  readonly packages?: PythonPackage[];
  /** Python module to run, e.g. `trainer.task`. */
  readonly module: string;
}

/** A custom container. */
export interface ContainerCodeOptions extends TrainingCodeOptions {
  /** The image. */
  readonly image: ContainerImage;
  /**
   * Overrides the image's ENTRYPOINT.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
}

/**
 * What a training job runs: Python code on a prebuilt framework image, or a custom container. It is
 * validated when a job resolves it (image versions depend on the job's hardware and region).
 */
export class TrainingCode {
  /** A Python package run with `python -m MODULE` by a prebuilt framework image. */
  public static prebuilt(options: PrebuiltCodeOptions): TrainingCode {
    const given = options;
    options = objectInput(options);
    return withInput(new TrainingCode({
      kind: 'prebuilt',
      framework: options.framework,
      frameworkVersion: options.frameworkVersion,
      pythonPackage: options.pythonPackage,
      packages: listInput(options.packages),
      module: options.module,
      args: listInput(options.args),
      env: options.env ? { ...options.env } : undefined,
    }), '', given, PREBUILT_CODE_OPTIONS);
  }

  /** A custom container image, with an optional command and arguments. */
  public static container(options: ContainerCodeOptions): TrainingCode {
    const given = options;
    options = objectInput(options);
    return withInput(new TrainingCode({
      kind: 'container',
      image: options.image,
      command: listInput(options.command),
      args: listInput(options.args),
      env: options.env ? { ...options.env } : undefined,
    }), '', given, CONTAINER_CODE_OPTIONS);
  }

  /** @internal */
  public readonly _intent: CodeIntent;

  private constructor(intent: CodeIntent) {
    this._intent = intent;
  }
}
