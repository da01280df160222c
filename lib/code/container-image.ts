import { ImageSource } from './intent';
import { objectInput, STRING, withInput } from '../core/field-types';
import { CONTAINER_IMAGE_OPTIONS, TRAINING_REPOSITORY } from '../core/input-types';
import type { TrainingRepository } from '../environment/registry';

/** How an image of a repository is chosen. */
export interface ContainerImageOptions {
  /**
   * Tag of the image. Give a tag or a digest, not both.
   * @default 'latest' when no digest is given
   */
  readonly tag?: string;
  /**
   * Digest of the image (`sha256:` and 64 hex digits). A digest names one image for ever, so every
   * run uses the same image and a new image is a visible change of the job; a tag can be moved.
   * @default - the tag is used
   */
  readonly digest?: string;
}

/**
 * A custom training container image: from one of the environment's Docker repositories, or any
 * registry URI. It is validated when a job resolves it, so problems name the job.
 */
export class ContainerImage {
  /**
   * An image in an Artifact Registry Docker repository, such as the environment's
   * `dockerRepository`: `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY/IMAGE:TAG` (or `@DIGEST`).
   * @param repository a Docker repository
   * @param image image path within the repository, e.g. `trainer` or `team/trainer`
   * @param options tag or digest @default - tag `latest`
   */
  public static fromRepository(repository: TrainingRepository, image: string, options: ContainerImageOptions = {}): ContainerImage {
    const made = new ContainerImage({
      kind: 'repository',
      repositoryUrl: repository?.url,
      repositoryFormat: repository?.format,
      repositoryName: repository?.repositoryName,
      image,
      tag: objectInput(options).tag,
      digest: objectInput(options).digest,
    });
    return withInput(withInput(withInput(made, 'repository', repository, TRAINING_REPOSITORY), 'image', image, STRING), '', options, CONTAINER_IMAGE_OPTIONS);
  }

  /**
   * Any image URI with a tag or a digest, e.g. `us-docker.pkg.dev/PROJECT/REPO/trainer:v3` or
   * `europe-west4-docker.pkg.dev/PROJECT/REPO/trainer@sha256:...`.
   * @param uri image URI, `HOST/PATH:TAG` or `HOST/PATH@sha256:DIGEST`
   */
  public static fromUri(uri: string): ContainerImage {
    return withInput(new ContainerImage({ kind: 'uri', uri }), '', uri, STRING);
  }

  /** @internal */
  public readonly _source: ImageSource;

  private constructor(source: ImageSource) {
    this._source = source;
  }

  /** The image URI as declared (validated when a job resolves it). */
  public get imageUri(): string {
    const s = this._source;
    if (s.kind === 'uri') return s.uri;
    return s.digest !== undefined ? `${s.repositoryUrl}/${s.image}@${s.digest}` : `${s.repositoryUrl}/${s.image}:${s.tag ?? 'latest'}`;
  }
}
