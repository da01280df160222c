import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { GoogleVertexAiMetadataStore } from '@cdktf/provider-google-beta/lib/google-vertex-ai-metadata-store';
import { GoogleBetaProvider } from '@cdktf/provider-google-beta/lib/provider';

/** Properties of {@link TrainingMetadataStore}. */
export interface TrainingMetadataStoreProps {
  /** The environment's project. */
  readonly projectId: string;
  /** The environment's region: the store is the region's. */
  readonly region: string;
  /** The environment's Vertex AI key (`projects/P/locations/REGION/keyRings/R/cryptoKeys/K`). */
  readonly kmsKeyName: string;
  /** The google-beta provider (the resource exists only there). */
  readonly provider: GoogleBetaProvider;
  /** What the store depends on: the Vertex AI API and the Vertex AI service agent's grant on the key. */
  readonly dependsOn: ITerraformDependable[];
}

/** The store Vertex AI Experiments, pipelines and TensorBoard experiments use in a region. */
const STORE = 'default';

/**
 * The region's Vertex ML Metadata store (`default`, the one Vertex AI Experiments and TensorBoard
 * experiments write to) created with the environment's CMEK key. Vertex AI creates the store,
 * Google-encrypted, the first time something uses it, and its key can never change afterwards:
 * so it is created before any job, and protected from destroy (deleting it deletes every
 * experiment's metadata).
 *
 * A project and region whose store already exists (409 "already exists" at apply): import it when
 * it has the environment's key, or turn the store off with `metadataStore: false`. Two environments
 * of one app in one project and region fail at synth (see the name registry).
 */
export class TrainingMetadataStore extends Construct {
  /** The `google_vertex_ai_metadata_store` (google-beta). */
  public readonly store: GoogleVertexAiMetadataStore;
  /** Resource name: `projects/P/locations/REGION/metadataStores/default`. */
  public readonly storeName: string;

  constructor(scope: Construct, id: string, props: TrainingMetadataStoreProps) {
    super(scope, id);
    this.store = new GoogleVertexAiMetadataStore(this, 'store', {
      provider: props.provider,
      project: props.projectId,
      region: props.region,
      name: STORE,
      encryptionSpec: { kmsKeyName: props.kmsKeyName },
      lifecycle: { preventDestroy: true },
      dependsOn: props.dependsOn,
    });
    this.storeName = `projects/${props.projectId}/locations/${props.region}/metadataStores/${STORE}`;
  }
}
