import { ContainerImage } from '../code/container-image';
import { Framework } from '../code/framework';
import { BOOLEAN, objectInput, optional, STRING, withInput } from '../core/field-types';
import { CONTAINER_IMAGE, FRAMEWORK, SERVING_CONTAINER_OPTIONS } from '../core/input-types';

/** Options of a custom serving container. */
export interface ServingContainerOptions {
  /**
   * HTTP path of prediction requests.
   * @default - Vertex AI's default
   */
  readonly predictRoute?: string;
  /**
   * HTTP path of health checks.
   * @default - Vertex AI's default
   */
  readonly healthRoute?: string;
  /**
   * Port the server listens on.
   * @default 8080
   */
  readonly port?: number;
}

/**
 * The container that serves a model uploaded by a {@link TrainingPipeline}: one of Google's prebuilt
 * prediction images, or a custom container.
 */
export class ServingContainer {
  /**
   * A prebuilt prediction image, from the registry mirror nearest the pipeline's region.
   * @param framework framework of the model
   * @param frameworkVersion version, e.g. '2.4'
   * @param gpu serve on GPUs @default false
   */
  public static prebuilt(framework: Framework, frameworkVersion: string, gpu?: boolean): ServingContainer {
    const container = new ServingContainer({ framework, frameworkVersion, gpu: gpu ?? false });
    return withInput(withInput(withInput(container, 'framework', framework, FRAMEWORK), 'frameworkVersion', frameworkVersion, STRING), 'gpu', gpu, optional(BOOLEAN));
  }

  /**
   * A custom serving container.
   * @param image the image
   * @param options routes and port
   */
  public static fromImage(image: ContainerImage, options: ServingContainerOptions = {}): ServingContainer {
    const container = new ServingContainer({ image, ...objectInput(options) });
    return withInput(withInput(container, 'image', image, CONTAINER_IMAGE), '', options, SERVING_CONTAINER_OPTIONS);
  }

  /** @internal */
  public readonly _spec: {
    readonly framework?: Framework; readonly frameworkVersion?: string; readonly gpu?: boolean;
    readonly image?: ContainerImage; readonly predictRoute?: string; readonly healthRoute?: string; readonly port?: number;
  };

  private constructor(spec: ServingContainer['_spec']) {
    this._spec = spec;
  }
}
