/** What users declared for their training code, before resolution. Pure data; not public API. */
import type { ContainerImage } from './container-image';
import type { PythonPackage } from './python-package';

/** Where a Python package comes from. */
export type PackageSource =
  /** A local project directory, packaged as an sdist at synth time. */
  | { readonly kind: 'directory'; readonly path: string; readonly absolutePath: string }
  /** A built sdist or wheel, uploaded as is. */
  | { readonly kind: 'file'; readonly path: string; readonly absolutePath: string }
  /** An object already in Cloud Storage. */
  | { readonly kind: 'gcs'; readonly uri: string };

/** Where a container image comes from. */
export type ImageSource =
  | {
    readonly kind: 'repository';
    /** `LOCATION-docker.pkg.dev/PROJECT/REPOSITORY` (may hold tokens). */
    readonly repositoryUrl: string;
    /** `RepositoryFormat` of the repository (`DOCKER` expected). */
    readonly repositoryFormat: string;
    /** Resource name of the repository, for messages. */
    readonly repositoryName: string;
    readonly image: string;
    readonly tag?: string;
    readonly digest?: string;
  }
  | { readonly kind: 'uri'; readonly uri: string };

/** What a user declared as a job's code. */
export type CodeIntent =
  | {
    readonly kind: 'prebuilt';
    readonly framework: string;
    readonly frameworkVersion: string;
    readonly pythonPackage?: PythonPackage;
    readonly packages?: readonly PythonPackage[];
    readonly module: string;
    readonly args?: readonly string[];
    readonly env?: { readonly [name: string]: string };
  }
  | {
    readonly kind: 'container';
    readonly image: ContainerImage;
    readonly command?: readonly string[];
    readonly args?: readonly string[];
    readonly env?: { readonly [name: string]: string };
  };
