// Generated from lib/config/types.ts by test/helpers/config-schema/generate.ts; do not edit.
// After changing lib/config/types.ts, regenerate with UPDATE_CONFIG_SCHEMA=1 npx jest test/config/schema

/**
 * The JSON Schema (draft-07) of training config files. The loader validates with it (ajv), and
 * `schema/training-config.schema.json`, the file editors use, is this object written out.
 * Kept in TypeScript rather than imported from JSON: the jsii build does not resolve JSON modules.
 */
export const TRAINING_CONFIG_SCHEMA: { readonly [key: string]: any } = {
  "$schema": "http://json-schema.org/draft-07/schema#",
  "$id": "https://raw.githubusercontent.com/cdktf-vertex-training/cdktf-vertex-training/main/schema/training-config.schema.json",
  "title": "cdktf-vertex-training config",
  "description": "A Vertex AI training environment, its teams, its jobs and optionally a GKE cluster (`gke`), loaded by TrainingConfig.fromFile into the cdktf-vertex-training constructs (the same constructs and validations as TypeScript). Enumerations are written in lowercase (`spot`, `log`, `scikit-learn`); GPU types also take their Vertex AI names (`NVIDIA_H100_80GB`). Strings in code args, env, command and onNewData.bucket may reference the environment with `${{ environment.dataBucket.url }}` (see `definitions.reference`); `${AIP_...}` and other `${...}` reach Vertex AI unchanged.",
  "type": "object",
  "additionalProperties": false,
  "required": [
    "environment"
  ],
  "properties": {
    "$schema": {
      "description": "The schema of this file, for editors (in a project: ./node_modules/cdktf-vertex-training/schema/training-config.schema.json). Ignored by the loader.",
      "type": "string"
    },
    "environment": {
      "$ref": "#/definitions/environment"
    },
    "teams": {
      "description": "Teams sharing the environment: each has its own trainer identity, data bucket and artifacts bucket (TrainingEnvironment.addTeam).",
      "type": "array",
      "items": {
        "$ref": "#/definitions/team"
      },
      "default": []
    },
    "jobs": {
      "description": "Training jobs of the environment: custom jobs, hyperparameter tuning jobs and training pipelines.",
      "type": "array",
      "items": {
        "$ref": "#/definitions/job"
      },
      "default": []
    },
    "gke": {
      "$ref": "#/definitions/gke"
    }
  },
  "definitions": {
    "reference": {
      "description": "A reference to the environment, replaced at synth: `${{ environment.projectId }}`, `${{ environment.region }}`, `${{ environment.prefix }}`, `${{ environment.<stagingBucket|artifactsBucket|dataBucket>.<name|url> }}`, `${{ environment.<dockerRepository|pythonRepository>.url }}`, `${{ environment.<trainer|launcher>.email }}`, `${{ teams.<team>.<dataBucket|artifactsBucket>.<name|url> }}`, `${{ teams.<team>.trainer.email }}`.",
      "type": "string"
    },
    "labels": {
      "description": "Labels: keys of 1-63 lowercase letters, digits, underscores or hyphens starting with a letter; values of 0-63 of the same.",
      "type": "object",
      "additionalProperties": {
        "type": "string"
      }
    },
    "stringList": {
      "description": "A list of strings.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "members": {
      "description": "IAM principals: `user:`, `group:`, `serviceAccount:`, `domain:` ... (public principals are refused).",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "duration": {
      "description": "A length of time: a whole number followed by s (seconds), m (minutes), h (hours) or d (days), e.g. `90m`, `12h`, `2d`.",
      "type": "string",
      "pattern": "^[0-9]+[smhd]$",
      "examples": [
        "3600s",
        "90m",
        "12h",
        "2d"
      ]
    },
    "envVarName": {
      "description": "An environment variable's name: letters, digits and underscores, not starting with a digit.",
      "type": "string",
      "pattern": "^[A-Za-z_][A-Za-z0-9_]*$"
    },
    "envVars": {
      "description": "Environment variables of the training code (at most 100), in the order given. Values may hold `${{ ... }}` references.",
      "type": "object",
      "propertyNames": {
        "$ref": "#/definitions/envVarName"
      },
      "additionalProperties": {
        "type": "string"
      }
    },
    "args": {
      "description": "Command-line arguments, as written: `${AIP_MODEL_DIR}` and other `${...}` reach Vertex AI unchanged (the program expands them); `${{ ... }}` references are replaced at synth. A Terraform expression written as text (`${var.x}`, `${google_storage_bucket.b.name}`) is refused.",
      "type": "array",
      "items": {
        "type": "string"
      }
    },
    "environment": {
      "description": "The TrainingEnvironment: APIs, service agents, CMEK keys, staging / artifacts / data buckets, Docker and Python repositories, trainer and launcher identities, TensorBoard, and optionally a private network, a VPC Service Controls perimeter and quota planning.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "projectId",
        "region"
      ],
      "properties": {
        "name": {
          "description": "Construct ID of the environment, and the default name prefix. Default: the prefix, or `training`.",
          "type": "string"
        },
        "projectId": {
          "description": "Google Cloud project the environment lives in.",
          "type": "string"
        },
        "region": {
          "description": "Region of the environment (buckets, keys, repositories, TensorBoard, jobs); must have a Vertex AI regional endpoint. Multi-regions are refused.",
          "type": "string",
          "examples": [
            "us-central1",
            "europe-west4",
            "asia-southeast1"
          ]
        },
        "prefix": {
          "description": "Prefix of every name the environment derives (2-20 lowercase letters, digits or hyphens). Default: the environment's name, lowercased.",
          "type": "string"
        },
        "labels": {
          "$ref": "#/definitions/labels",
          "description": "Labels added to every resource that takes labels, next to `managed-by` and `vertex-training-env`."
        },
        "enableApis": {
          "description": "Whether Terraform enables the Google APIs the environment uses (never disabling them on destroy).",
          "type": "boolean",
          "default": true
        },
        "encryption": {
          "$ref": "#/definitions/encryption"
        },
        "stagingBucket": {
          "$ref": "#/definitions/bucket",
          "description": "Staging bucket: Python packages and launch manifests. Default: a bucket named `<projectId>-<prefix>-staging`."
        },
        "artifactsBucket": {
          "$ref": "#/definitions/bucket",
          "description": "Artifacts bucket: model outputs, checkpoints, TensorBoard logs. Default: a bucket named `<projectId>-<prefix>-artifacts`."
        },
        "dataBucket": {
          "$ref": "#/definitions/bucket",
          "description": "Data bucket: training data. Default: a bucket named `<projectId>-<prefix>-data`."
        },
        "dockerRepository": {
          "$ref": "#/definitions/repository",
          "description": "Docker repository for training images. Default: a repository named `<prefix>-images`."
        },
        "pythonRepository": {
          "$ref": "#/definitions/repository",
          "description": "Python repository for training packages. Default: a repository named `<prefix>-python`."
        },
        "trainerServiceAccount": {
          "$ref": "#/definitions/serviceAccount",
          "description": "The identity training code runs as. Default: a service account `<prefix>-trainer`."
        },
        "launcherServiceAccount": {
          "$ref": "#/definitions/serviceAccount",
          "description": "The identity that creates Vertex AI jobs (schedulers and launchers act as it). Default: a service account `<prefix>-launcher`."
        },
        "tensorboard": {
          "$ref": "#/definitions/tensorboard"
        },
        "network": {
          "$ref": "#/definitions/network"
        },
        "perimeter": {
          "$ref": "#/definitions/perimeter"
        },
        "quotas": {
          "$ref": "#/definitions/quotas"
        },
        "alerts": {
          "$ref": "#/definitions/alerts"
        },
        "propagationDelay": {
          "$ref": "#/definitions/duration",
          "description": "How long a deploy waits for new IAM grants and Eventarc triggers to take effect before it creates what needs them (0 to 30 minutes). Default: 2m."
        },
        "relaunchOnLabelChange": {
          "description": "Whether a deploy that changes only labels launches the on-change jobs again. false: labels stay out of the launch hash, so a label change reaches the next run without starting one. A job's own `relaunchOnLabelChange` wins.",
          "type": "boolean",
          "default": true
        },
        "grants": {
          "$ref": "#/definitions/grants"
        },
        "budget": {
          "$ref": "#/definitions/budget"
        },
        "metadataStore": {
          "description": "Whether the environment creates the region's Vertex AI metadata store (`default`, used by Experiments and TensorBoard experiments) with its Vertex AI key, before anything creates it Google-encrypted. false when the project's store in the region already exists or another environment of the project creates it.",
          "type": "boolean",
          "default": true
        }
      }
    },
    "budget": {
      "description": "A monthly Cloud Billing budget on the environment's spend (its project's costs that carry the environment's label), notifying the same channels as `alerts` (at most 5) and the billing account's administrators. The deployer needs `billing.budgets.create` on the billing account. Default: no budget.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "billingAccount",
        "amount"
      ],
      "properties": {
        "billingAccount": {
          "description": "The Cloud Billing account that pays for the project: `XXXXXX-XXXXXX-XXXXXX` (upper-case hexadecimal).",
          "type": "string",
          "pattern": "^(billingAccounts/)?[0-9A-F]{6}-[0-9A-F]{6}-[0-9A-F]{6}$"
        },
        "amount": {
          "description": "The monthly amount, in units of `currencyCode` (greater than 0).",
          "type": "number"
        },
        "currencyCode": {
          "description": "ISO 4217 code of the amount: the billing account's currency.",
          "type": "string",
          "pattern": "^[A-Z]{3}$",
          "default": "USD"
        },
        "thresholds": {
          "description": "Fractions of the amount whose crossing by the month's actual spend notifies (1.0 = the whole amount), each above 0 and at most 10.",
          "type": "array",
          "items": {
            "type": "number"
          },
          "default": [
            0.5,
            0.9,
            1
          ]
        },
        "forecastThresholds": {
          "description": "Fractions of the amount whose crossing by the month's forecast spend notifies; `[]` for none.",
          "type": "array",
          "items": {
            "type": "number"
          },
          "default": [
            1
          ]
        }
      }
    },
    "alerts": {
      "description": "Who is told when a launch fails or a run ends failed, cancelled or expired. Without any channel, incidents only open in the Cloud Monitoring console and the policy rule VT-ALERT-1 fails synth until one is named or the rule is acknowledged.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "emails": {
          "$ref": "#/definitions/stringList",
          "description": "Email addresses to notify."
        },
        "pubsubTopics": {
          "$ref": "#/definitions/stringList",
          "description": "Pub/Sub topics to notify (`projects/PROJECT/topics/TOPIC`)."
        },
        "notificationChannels": {
          "$ref": "#/definitions/stringList",
          "description": "Existing Cloud Monitoring channels (`projects/PROJECT/notificationChannels/ID`)."
        }
      }
    },
    "encryption": {
      "description": "CMEK: key ring, keys and rotation, or keys brought by the user. Default: a key ring and one key per service (storage, registry, Vertex AI, and with the launcher Workflows, Pub/Sub and Eventarc) rotating every 90 days.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "keyRingId": {
          "description": "ID of the key ring to create in the environment's region. Key rings can never be deleted: after a destroy, set existingKeyRingName instead. Default: `<prefix>-training`.",
          "type": "string"
        },
        "existingKeyRingName": {
          "description": "An existing key ring (`projects/P/locations/REGION/keyRings/RING`) in which to create the keys.",
          "type": "string"
        },
        "rotationPeriodDays": {
          "description": "Rotation period of created keys, in days (1-365). More than 90 fails most security baselines.",
          "type": "integer",
          "default": 90
        },
        "protectionLevel": {
          "description": "Protection level of created keys: `software`, or `hsm` (FIPS 140-2 Level 3).",
          "enum": [
            "software",
            "hsm"
          ],
          "default": "software"
        },
        "destroyScheduledDays": {
          "description": "Days a destroyed key version waits before its material is deleted (1-120).",
          "type": "integer",
          "default": 30
        },
        "storageKeyName": {
          "description": "Bring your own key for the buckets: `projects/P/locations/REGION/keyRings/RING/cryptoKeys/KEY`, in the environment's region.",
          "type": "string"
        },
        "registryKeyName": {
          "description": "Bring your own key for the Artifact Registry repositories (same format and region rule).",
          "type": "string"
        },
        "vertexKeyName": {
          "description": "Bring your own key for Vertex AI resources: jobs, TensorBoard, datasets, models (same format and region rule).",
          "type": "string"
        },
        "pubsubKeyName": {
          "description": "Bring your own key for the launcher's Pub/Sub topic of launch requests (same format and region rule).",
          "type": "string"
        },
        "workflowsKeyName": {
          "description": "Bring your own key for the launcher workflow (same format and region rule).",
          "type": "string"
        },
        "eventarcKeyName": {
          "description": "Bring your own key for Eventarc's Google channel, which carries the launcher's Cloud Storage events (same format and region rule).",
          "type": "string"
        }
      }
    },
    "bucket": {
      "description": "A Cloud Storage bucket: created (with CMEK, versioning, soft delete and lifecycle rules) or existing.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "name": {
          "description": "Name of the bucket to create.",
          "type": "string"
        },
        "existingBucketName": {
          "description": "Use this existing bucket instead of creating one; its own settings (CMEK, versioning, ...) are then the owner's responsibility.",
          "type": "string"
        },
        "noncurrentVersionRetentionDays": {
          "description": "Days a noncurrent (overwritten or deleted) object version is kept (1-3650).",
          "type": "integer",
          "default": 30
        },
        "softDeleteRetentionDays": {
          "description": "Soft-delete retention in days: 0 turns soft delete off, otherwise 7-90.",
          "type": "integer",
          "default": 7
        },
        "objectExpirationDays": {
          "description": "Days after which live objects under objectExpirationPrefixes expire (0: never). Default: 14 for the staging bucket, 0 for the others.",
          "type": "integer"
        },
        "objectExpirationPrefixes": {
          "$ref": "#/definitions/stringList",
          "description": "Object name prefixes that objectExpirationDays applies to; empty means every object. Default: [tmp/] for the staging bucket, [] for the others."
        },
        "preventDestroy": {
          "description": "Adds Terraform's prevent_destroy. Default: true for the data and artifacts buckets, false for the staging bucket.",
          "type": "boolean"
        }
      }
    },
    "repository": {
      "description": "An Artifact Registry repository: created (with CMEK and cleanup policies) or existing.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "repositoryId": {
          "description": "ID of the repository to create.",
          "type": "string"
        },
        "existingRepositoryName": {
          "description": "Use this existing repository (`projects/P/locations/L/repositories/R`) instead of creating one.",
          "type": "string"
        },
        "keepMostRecentVersions": {
          "description": "Cleanup keeps at least this many most recent versions of each package (1-1000).",
          "type": "integer",
          "default": 10
        },
        "deleteUntaggedAfterDays": {
          "description": "Cleanup deletes versions older than this many days (0: never): untagged images (Docker), any version (Python).",
          "type": "integer",
          "default": 30
        },
        "cleanupDryRun": {
          "description": "Reports what cleanup would delete without deleting it.",
          "type": "boolean",
          "default": false
        },
        "preventDestroy": {
          "description": "Adds Terraform's prevent_destroy: deleting a repository deletes every image or package in it.",
          "type": "boolean",
          "default": true
        },
        "immutableTags": {
          "description": "Docker only: tags cannot be moved to another image once pushed.",
          "type": "boolean",
          "default": false
        }
      }
    },
    "serviceAccount": {
      "description": "A service account: created, or existing.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "accountId": {
          "description": "Account ID (the part of the email before @) of the service account to create.",
          "type": "string"
        },
        "existingEmail": {
          "description": "Use this existing service account (by email) instead of creating one; the environment still makes its grants to it.",
          "type": "string"
        }
      }
    },
    "tensorboard": {
      "description": "The environment's Vertex AI TensorBoard. Default: a CMEK-encrypted TensorBoard.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "enabled": {
          "description": "Whether the environment has a TensorBoard at all.",
          "type": "boolean",
          "default": true
        },
        "displayName": {
          "description": "Display name of the TensorBoard to create (1-128 characters). Default: `<prefix>-tensorboard`.",
          "type": "string"
        },
        "preventDestroy": {
          "description": "Adds Terraform's prevent_destroy: deleting a TensorBoard deletes its experiments and logs.",
          "type": "boolean",
          "default": true
        },
        "existingTensorboardName": {
          "description": "Use this existing TensorBoard (`projects/P/locations/REGION/tensorboards/ID`, in the environment's region).",
          "type": "string"
        }
      }
    },
    "network": {
      "description": "A private network for training: jobs then run on it. Default: no network (Vertex AI's own).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "connectivity": {
          "description": "How Vertex AI reaches the network: VPC peering through private services access, or a Private Service Connect interface.",
          "enum": [
            "private-services-access",
            "psc-interface"
          ],
          "default": "private-services-access"
        },
        "existingNetworkName": {
          "description": "Use this existing network (`projects/PROJECT/global/networks/NAME`) instead of creating one.",
          "type": "string"
        },
        "subnetCidr": {
          "description": "Range of the environment's subnet (created networks only).",
          "type": "string",
          "default": "10.8.0.0/20"
        },
        "peeringCidr": {
          "description": "Range reserved for Vertex AI peering (private services access), /16 to /24.",
          "type": "string",
          "default": "10.16.0.0/16"
        },
        "existingPeeringRangeName": {
          "description": "Use this existing reserved peering range (its name) instead of reserving one.",
          "type": "string"
        },
        "attachmentSubnetCidr": {
          "description": "Range of the subnet of the PSC network attachment, /16 to /28.",
          "type": "string",
          "default": "10.9.0.0/24"
        },
        "googleApis": {
          "description": "Private DNS for Google APIs: `restricted` (VPC-SC supported APIs only), `private` (every API), or `default` (public DNS). Default: restricted inside an enforced perimeter, private otherwise (a dry-run perimeter blocks nothing).",
          "enum": [
            "restricted",
            "private",
            "default"
          ]
        },
        "enableNat": {
          "description": "Cloud NAT for jobs that must reach the internet; refused inside an enforced perimeter.",
          "type": "boolean",
          "default": false
        },
        "existingRanges": {
          "$ref": "#/definitions/stringList",
          "description": "Ranges already used in the network or peered networks, checked for overlaps."
        }
      }
    },
    "perimeter": {
      "description": "A VPC Service Controls perimeter around the project (created or joined), dry-run first. Default: no perimeter.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "accessPolicy": {
          "description": "Create a perimeter in this access policy (`accessPolicies/NUMBER`). Give this or existingPerimeterName.",
          "type": "string"
        },
        "perimeterName": {
          "description": "Short name of the created perimeter (letters, digits and underscores, starting with a letter, at most 50). Default: `<prefix>_training` (hyphens become underscores).",
          "type": "string"
        },
        "existingPerimeterName": {
          "description": "Join this existing perimeter (`accessPolicies/NUMBER/servicePerimeters/NAME`).",
          "type": "string"
        },
        "dryRun": {
          "description": "Dry run: violations are logged, not blocked. Start here, read the logs, then set false to enforce.",
          "type": "boolean",
          "default": true
        },
        "accessLevels": {
          "$ref": "#/definitions/stringList",
          "description": "Access levels (`accessPolicies/NUMBER/accessLevels/NAME`) whose requests may enter (created perimeters)."
        },
        "deployerIdentities": {
          "$ref": "#/definitions/members",
          "description": "Identities that deploy the stack from outside the perimeter (e.g. a CI service account)."
        },
        "additionalRestrictedServices": {
          "$ref": "#/definitions/stringList",
          "description": "Services to restrict besides the ones the environment uses; each must be one VPC Service Controls supports."
        },
        "additionalSupportedServices": {
          "$ref": "#/definitions/stringList",
          "description": "Services VPC Service Controls supports that the library's list does not know yet (check with `gcloud access-context-manager supported-services list`)."
        }
      }
    },
    "quotas": {
      "description": "Quota planning: known limits, quota ID overrides, plan-time checks and increase requests. Default: demand is planned and warned about.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "limits": {
          "description": "Known limits. Demand above a limit fails synth (or, with requestIncreases, requests more).",
          "type": "array",
          "items": {
            "$ref": "#/definitions/quotaLimit"
          }
        },
        "quotaIds": {
          "description": "Cloud Quotas API quota IDs by metric, overriding the catalog.",
          "type": "object",
          "additionalProperties": {
            "type": "string"
          }
        },
        "checkAtPlan": {
          "description": "Reads the live quota at `terraform plan`: a quota below the demand fails the plan, except one the stack requests itself (requestIncreases), which only warns (a Terraform check block).",
          "type": "boolean",
          "default": false
        },
        "requestIncreases": {
          "description": "Requests a quota increase for every quota whose demand exceeds its declared limit, instead of failing synth.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "contactEmail"
          ],
          "properties": {
            "contactEmail": {
              "description": "Who Google contacts about the request.",
              "type": "string"
            },
            "justification": {
              "description": "Why the quota is needed.",
              "type": "string",
              "default": "Vertex AI custom training (cdktf-vertex-training)"
            }
          }
        },
        "neverConcurrent": {
          "description": "Groups of job names that never run at the same time (e.g. scheduled one after another): together they demand only as much as the largest of them.",
          "type": "array",
          "items": {
            "type": "array",
            "items": {
              "type": "string"
            },
            "minItems": 2
          }
        }
      }
    },
    "quotaLimit": {
      "description": "A known limit of one quota metric in one region.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "metric",
        "limit"
      ],
      "properties": {
        "metric": {
          "description": "Metric, e.g. `custom_model_training_nvidia_h100_gpus` (the `aiplatform.googleapis.com/` prefix is optional).",
          "type": "string"
        },
        "limit": {
          "description": "The limit, in units of the metric (GPUs, TPU chips or cores, vCPUs).",
          "type": "integer",
          "minimum": 0
        },
        "region": {
          "description": "Region of the limit. Default: the environment's region.",
          "type": "string"
        }
      }
    },
    "grants": {
      "description": "Access for people and systems outside the environment's own identities.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "dataRead": {
          "$ref": "#/definitions/members",
          "description": "May read training data."
        },
        "dataReadWrite": {
          "$ref": "#/definitions/members",
          "description": "May read and write training data (e.g. a data pipeline's identity)."
        },
        "stagingReadWrite": {
          "$ref": "#/definitions/members",
          "description": "May write to the staging bucket (e.g. CI uploading training packages)."
        },
        "artifactsRead": {
          "$ref": "#/definitions/members",
          "description": "May read models, checkpoints and TensorBoard logs."
        },
        "imagesAndPackagesRead": {
          "$ref": "#/definitions/members",
          "description": "May pull training images and download training packages."
        },
        "imagesAndPackagesWrite": {
          "$ref": "#/definitions/members",
          "description": "May push training images and upload training packages (e.g. CI)."
        }
      }
    },
    "teamName": {
      "description": "A team's name: 2-16 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit.",
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]{0,14}[a-z0-9]$"
    },
    "team": {
      "description": "A team sharing the environment: its own trainer identity, data bucket and artifacts bucket; its jobs (`team: <name>`) run as its trainer and write to its artifacts bucket.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name"
      ],
      "properties": {
        "name": {
          "$ref": "#/definitions/teamName",
          "description": "The team's name: 2-16 lowercase letters, digits or hyphens, starting with a letter."
        },
        "members": {
          "$ref": "#/definitions/members",
          "description": "People or groups of the team: they may read and write the team's data and read its artifacts."
        },
        "trainerServiceAccount": {
          "$ref": "#/definitions/serviceAccount",
          "description": "The team's trainer identity. Default: a service account `<prefix>-<team>-tr`."
        },
        "dataBucket": {
          "$ref": "#/definitions/bucket",
          "description": "The team's data bucket. Default: `<projectId>-<prefix>-<team>-data`."
        },
        "artifactsBucket": {
          "$ref": "#/definitions/bucket",
          "description": "The team's artifacts bucket. Default: `<projectId>-<prefix>-<team>-artifacts`."
        },
        "quotaShares": {
          "description": "The team's shares of the environment's Vertex AI quotas, per quota and region: synth fails when the team's jobs together demand more than their share. Default: only the environment's quotas.limits apply to the team's jobs.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/quotaShare"
          }
        }
      }
    },
    "quotaShare": {
      "description": "A team's share of one Vertex AI quota in one region.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "metric",
        "limit"
      ],
      "properties": {
        "metric": {
          "description": "Vertex AI training metric, e.g. `custom_model_training_nvidia_h100_gpus` or `custom_model_training_preemptible_nvidia_h100_gpus` (the `aiplatform.googleapis.com/` prefix is optional).",
          "type": "string"
        },
        "limit": {
          "description": "The share, in units of the metric (GPUs, TPU chips or cores, vCPUs).",
          "type": "integer",
          "minimum": 0
        },
        "region": {
          "description": "Region of the share. Default: the environment's region.",
          "type": "string"
        }
      }
    },
    "jobName": {
      "description": "A job's name: 2-40 lowercase letters, digits or hyphens, starting with a letter and ending with a letter or digit.",
      "type": "string",
      "pattern": "^[a-z][a-z0-9-]{0,38}[a-z0-9]$"
    },
    "job": {
      "description": "A training job: a custom job, a hyperparameter tuning job, or a training pipeline that registers a model.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "name",
        "workerPools",
        "code"
      ],
      "properties": {
        "name": {
          "$ref": "#/definitions/jobName",
          "description": "The job's ID: 2-40 lowercase letters, digits or hyphens, starting with a letter. It names the job's manifests, outputs and output directory, and is its construct ID."
        },
        "kind": {
          "description": "`custom` (a Vertex AI CustomJob), `tuning` (a HyperparameterTuningJob: study, maxTrialCount, parallelTrialCount) or `pipeline` (a TrainingPipeline that registers a model: model, dataset, tuning).",
          "enum": [
            "custom",
            "tuning",
            "pipeline"
          ],
          "default": "custom"
        },
        "displayName": {
          "description": "Display name of each run in Vertex AI (1-128 characters). Default: the job's name.",
          "type": "string"
        },
        "team": {
          "description": "Run as this team (a name under `teams`): its trainer identity and artifacts bucket.",
          "type": "string"
        },
        "labels": {
          "$ref": "#/definitions/labels",
          "description": "Labels of each run, next to the environment's."
        },
        "tensorboard": {
          "description": "Send the job's TensorBoard logs to the environment's TensorBoard. Default: true when the environment has one.",
          "type": "boolean"
        },
        "enableWebAccess": {
          "description": "Interactive shell access to the training containers while they run.",
          "type": "boolean",
          "default": false
        },
        "relaunchOnLabelChange": {
          "description": "Whether a deploy that changes only this job's labels (or the environment's) launches it again (on-change jobs). Default: the environment's `relaunchOnLabelChange`.",
          "type": "boolean"
        },
        "typicalDuration": {
          "$ref": "#/definitions/duration",
          "description": "How long a run usually takes: the training report prices a run, and a month of scheduled runs, at it as well as at the timeout."
        },
        "workerPools": {
          "$ref": "#/definitions/workerPools"
        },
        "code": {
          "$ref": "#/definitions/code"
        },
        "scheduling": {
          "$ref": "#/definitions/scheduling"
        },
        "triggers": {
          "description": "Why the job runs. None: declared, and launched by hand with its `launch_command` output.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/trigger"
          }
        },
        "concurrency": {
          "description": "What a launch does while earlier runs of the job are still active (queued, pending or running), whatever started it: `allow` starts another run; `skip` skips it and logs why (one run at a time); `up-to` starts one while fewer than `maxConcurrentRuns` are active (the quota plan counts that many runs). A skipped launch spends its launch key: the same event delivered again later launches nothing.",
          "enum": [
            "allow",
            "skip",
            "up-to"
          ],
          "default": "allow"
        },
        "maxConcurrentRuns": {
          "description": "concurrency up-to: the most runs of the job at once.",
          "type": "integer",
          "minimum": 1,
          "maximum": 100
        },
        "paused": {
          "description": "Pause the job's triggers without destroying anything: its schedules are paused in Cloud Scheduler and the launcher ignores its event launches (on change, new data) with a logged reason; a launch by hand still runs. Resuming launches nothing by itself; a body changed while paused launches once on resume.",
          "type": "boolean",
          "default": false
        },
        "checkpoints": {
          "$ref": "#/definitions/checkpoints"
        },
        "retention": {
          "$ref": "#/definitions/retention"
        },
        "study": {
          "$ref": "#/definitions/study"
        },
        "maxTrialCount": {
          "description": "kind tuning: trials in total.",
          "type": "integer",
          "minimum": 1
        },
        "parallelTrialCount": {
          "description": "kind tuning: trials that run at once; each is a full copy of the worker pools, counted in the quota plan.",
          "type": "integer",
          "minimum": 1
        },
        "maxFailedTrialCount": {
          "description": "kind tuning: failed trials after which the job fails. Default: Vertex AI decides.",
          "type": "integer",
          "minimum": 0
        },
        "model": {
          "$ref": "#/definitions/model"
        },
        "dataset": {
          "$ref": "#/definitions/dataset"
        },
        "tuning": {
          "$ref": "#/definitions/tuning"
        },
        "backend": {
          "description": "Where the runs execute: `vertex-ai`, or `gke`: each run is a JobSet in the job's team's Kueue queue on the cluster declared under `gke` (a custom job with a `team` that has quotas under `gke.teams`), declared in the workloads stack.",
          "enum": [
            "vertex-ai",
            "gke"
          ],
          "default": "vertex-ai"
        },
        "priorityClass": {
          "description": "backend gke: Kueue priority of the runs: orders the team's queue, and a higher priority may preempt a lower one.",
          "enum": [
            "training-low",
            "training-normal",
            "training-high"
          ],
          "default": "training-normal"
        },
        "ttlAfterFinished": {
          "$ref": "#/definitions/duration",
          "description": "backend gke: how long a finished run's JobSet (and its pods' logs in `kubectl logs`) stays in the cluster. Default: 1d."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "kind": {
                "const": "tuning"
              }
            },
            "required": [
              "kind"
            ]
          },
          "then": {
            "required": [
              "study",
              "maxTrialCount",
              "parallelTrialCount"
            ],
            "properties": {
              "study": true,
              "maxTrialCount": true,
              "parallelTrialCount": true
            }
          },
          "else": {
            "properties": {
              "study": false,
              "maxTrialCount": false,
              "parallelTrialCount": false,
              "maxFailedTrialCount": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "kind": {
                "const": "pipeline"
              }
            },
            "required": [
              "kind"
            ]
          },
          "then": {
            "required": [
              "model"
            ],
            "properties": {
              "model": true
            }
          },
          "else": {
            "properties": {
              "model": false,
              "dataset": false,
              "tuning": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "backend": {
                "const": "gke"
              }
            },
            "required": [
              "backend"
            ]
          },
          "then": {
            "required": [
              "team"
            ],
            "properties": {
              "team": true
            }
          },
          "else": {
            "properties": {
              "priorityClass": false,
              "ttlAfterFinished": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "concurrency": {
                "const": "up-to"
              }
            },
            "required": [
              "concurrency"
            ]
          },
          "then": {
            "required": [
              "maxConcurrentRuns"
            ],
            "properties": {
              "maxConcurrentRuns": true
            }
          },
          "else": {
            "properties": {
              "maxConcurrentRuns": false
            }
          }
        }
      ]
    },
    "checkpoints": {
      "description": "A checkpoint location shared by the job's runs, `gs://<artifacts bucket>/jobs/<name>/checkpoints/` (outside each run's output directory), so that a preempted or a weekly run resumes from the last checkpoint: every container gets it as `AIP_CHECKPOINT_DIR` and `VT_CHECKPOINT_DIR` (`{}` for the defaults). Lifecycle rules on the artifacts bucket keep the last `keepLast` versions of each checkpoint object. Not for kind tuning (trials must not share checkpoints). Default: each run checkpoints in its own output directory.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "keepLast": {
          "description": "Versions kept of each checkpoint object: a checkpoint written again under the same name keeps its live version and `keepLast - 1` replaced ones.",
          "type": "integer",
          "minimum": 1,
          "maximum": 100,
          "default": 3
        },
        "maxAge": {
          "$ref": "#/definitions/duration",
          "description": "Live checkpoint objects are deleted at this age, in whole days (e.g. `30d`): for checkpoints named by step, which are never overwritten. Default: kept until keepLast replaces them."
        }
      }
    },
    "retention": {
      "description": "How long the job's run outputs and replaced launch manifests are kept, as lifecycle rules on its buckets (jobs with the same retention share one rule). Default: run outputs kept; replaced manifests as long as the staging bucket keeps noncurrent versions.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "runOutputs": {
          "$ref": "#/definitions/duration",
          "description": "Run outputs (live objects under `jobs/<name>/runs/` of the job's artifacts bucket) are deleted at this age, in whole days (e.g. `90d`, at most 3650 days). Checkpoints are outside `runs/` and are not affected. Default: kept."
        },
        "manifests": {
          "$ref": "#/definitions/duration",
          "description": "Replaced launch manifests (noncurrent versions under `jobs/<name>/` of the staging bucket) are deleted this long after they were replaced, in whole days (e.g. `14d`, at most the staging bucket's noncurrentVersionRetentionDays). The current manifest, which the launcher reads, is never deleted. Default: the staging bucket's noncurrentVersionRetentionDays."
        }
      }
    },
    "workerPools": {
      "description": "The job's worker pools, by role: primary (exactly one replica), workers, parameterServers or reductionServer, evaluators.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "primary"
      ],
      "properties": {
        "primary": {
          "$ref": "#/definitions/pool",
          "description": "The primary (chief) replica."
        },
        "workers": {
          "$ref": "#/definitions/pool",
          "description": "Further replicas that train alongside the primary."
        },
        "parameterServers": {
          "$ref": "#/definitions/pool",
          "description": "Parameter servers (TensorFlow ParameterServerStrategy); not with a Reduction Server."
        },
        "reductionServer": {
          "$ref": "#/definitions/reductionServer"
        },
        "evaluators": {
          "$ref": "#/definitions/pool",
          "description": "Evaluators (TensorFlow: at most one)."
        }
      }
    },
    "pool": {
      "description": "The compute of one worker pool: exactly one of gpu, tpu or cpu, and the options every pool takes.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "gpu": {
          "$ref": "#/definitions/gpu"
        },
        "tpu": {
          "$ref": "#/definitions/tpu"
        },
        "cpu": {
          "$ref": "#/definitions/cpu"
        },
        "replicas": {
          "description": "VMs (replicas) in the pool. The primary pool and TPU pools take exactly 1.",
          "type": "integer",
          "minimum": 1,
          "default": 1
        },
        "bootDiskType": {
          "description": "Boot disk type of every replica. Default: pd-ssd (hyperdisk-balanced on a3-ultragpu-8g and a4-highgpu-8g).",
          "enum": [
            "pd-ssd",
            "pd-standard",
            "hyperdisk-balanced"
          ]
        },
        "bootDiskSizeGb": {
          "description": "Boot disk size in GiB (100-64,000).",
          "type": "integer",
          "default": 100
        },
        "reservation": {
          "$ref": "#/definitions/reservation"
        },
        "code": {
          "$ref": "#/definitions/code",
          "description": "Code this pool runs instead of the job's (an evaluator's or parameter server's own image, module, args, env), resolved for the pool's own hardware. Not on the primary pool, which runs the job's code. Default: the job's code."
        }
      },
      "oneOf": [
        {
          "properties": {
            "gpu": true
          },
          "required": [
            "gpu"
          ]
        },
        {
          "properties": {
            "tpu": true
          },
          "required": [
            "tpu"
          ]
        },
        {
          "properties": {
            "cpu": true
          },
          "required": [
            "cpu"
          ]
        }
      ]
    },
    "gpuType": {
      "description": "GPU type: a short name (`t4`, `v100`, `p4`, `p100`, `a100`, `a100-80gb`, `l4`, `h100`, `h100-mega`, `h200`, `b200`, `gb200`, `rtx-pro-6000`) or the Vertex AI accelerator type (`NVIDIA_H100_80GB`).",
      "enum": [
        "t4",
        "v100",
        "p4",
        "p100",
        "a100",
        "a100-80gb",
        "l4",
        "h100",
        "h100-mega",
        "h200",
        "b200",
        "gb200",
        "rtx-pro-6000",
        "NVIDIA_TESLA_T4",
        "NVIDIA_TESLA_V100",
        "NVIDIA_TESLA_P4",
        "NVIDIA_TESLA_P100",
        "NVIDIA_TESLA_A100",
        "NVIDIA_A100_80GB",
        "NVIDIA_L4",
        "NVIDIA_H100_80GB",
        "NVIDIA_H100_MEGA_80GB",
        "NVIDIA_H200_141GB",
        "NVIDIA_B200",
        "NVIDIA_GB200",
        "NVIDIA_RTX_PRO_6000"
      ]
    },
    "gpu": {
      "description": "A GPU pool: GPU type and count per replica; the machine type is chosen unless given.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type",
        "count"
      ],
      "properties": {
        "type": {
          "$ref": "#/definitions/gpuType"
        },
        "count": {
          "description": "GPUs per replica (VM).",
          "type": "integer",
          "minimum": 1
        },
        "machineType": {
          "description": "Machine type, validated against the GPU type and count. Default: the smallest machine that takes `count` GPUs of `type`.",
          "type": "string"
        }
      }
    },
    "tpu": {
      "description": "A TPU pool: one replica of one slice.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "version"
      ],
      "properties": {
        "version": {
          "description": "TPU generation: v2, v3, v5e, v6e (Trillium) or 7x (Ironwood).",
          "enum": [
            "v2",
            "v3",
            "v5e",
            "v6e",
            "7x"
          ]
        },
        "topology": {
          "description": "Slice topology (`2x4`, `4x4`, `2x2x1`, ...); required for v5e, v6e and 7x.",
          "type": "string"
        },
        "cores": {
          "description": "TPU cores for v2 and v3 (8 for one device, 32n for a Pod); required for them.",
          "type": "integer"
        },
        "machineType": {
          "description": "Machine type, when a topology exists on several (v5e 2x4: ct5lp-hightpu-8t or ct5lp-hightpu-4t).",
          "type": "string"
        }
      }
    },
    "cpu": {
      "description": "A CPU-only pool.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "machineType"
      ],
      "properties": {
        "machineType": {
          "description": "Machine type, e.g. `n2-standard-16`.",
          "type": "string"
        }
      }
    },
    "reservation": {
      "description": "Which Compute Engine reservations the VMs may consume (shared with Vertex AI, matching the machine exactly; not with flex-start). Default: Vertex AI's default.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "type"
      ],
      "properties": {
        "type": {
          "description": "`none`: never; `any`: any matching reservation, falling back to on-demand capacity; `specific`: only the named reservations.",
          "enum": [
            "none",
            "any",
            "specific"
          ]
        },
        "names": {
          "$ref": "#/definitions/stringList",
          "description": "type specific: `projects/PROJECT/zones/ZONE/reservations/NAME`, one or more."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "type": {
                "const": "specific"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "names"
            ],
            "properties": {
              "names": true
            }
          },
          "else": {
            "properties": {
              "names": false
            }
          }
        }
      ]
    },
    "reductionServer": {
      "description": "Vertex AI Reduction Server for NCCL all-reduce across GPU workers (`{}` for the defaults); not with parameterServers.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "replicas": {
          "description": "Reducers. Default: enough for the GPU replicas' total bandwidth.",
          "type": "integer",
          "minimum": 1
        },
        "machineType": {
          "description": "Reducer machine type: no GPUs, at least 16 vCPUs, N1 or N2.",
          "type": "string",
          "default": "n1-highcpu-16"
        },
        "reducerBandwidthGbps": {
          "description": "Egress bandwidth of one reducer, Gbps.",
          "type": "number",
          "default": 32
        },
        "workerBandwidthGbps": {
          "description": "Egress bandwidth of one GPU replica, Gbps. Default: from the catalog.",
          "type": "number"
        },
        "imageUri": {
          "description": "Reduction Server image. Default: Google's image in the nearest registry mirror.",
          "type": "string"
        }
      }
    },
    "code": {
      "description": "What the job runs: exactly one of `prebuilt` (a Python package on a prebuilt framework image) or `container` (a custom container).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "prebuilt": {
          "$ref": "#/definitions/prebuiltCode"
        },
        "container": {
          "$ref": "#/definitions/containerCode"
        }
      },
      "oneOf": [
        {
          "properties": {
            "prebuilt": true
          },
          "required": [
            "prebuilt"
          ]
        },
        {
          "properties": {
            "container": true
          },
          "required": [
            "container"
          ]
        }
      ]
    },
    "framework": {
      "description": "Framework of a prebuilt image.",
      "enum": [
        "tensorflow",
        "pytorch",
        "scikit-learn",
        "xgboost",
        "ray"
      ]
    },
    "prebuiltCode": {
      "description": "A Python package run with `python -m MODULE` by a prebuilt framework image.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "framework",
        "version",
        "module"
      ],
      "properties": {
        "framework": {
          "$ref": "#/definitions/framework"
        },
        "version": {
          "description": "Framework version as MAJOR.MINOR, quoted (YAML reads 1.10 as the number 1.1); it must have an image for the job's hardware.",
          "type": "string",
          "examples": [
            "1.6",
            "2.17",
            "2.4"
          ]
        },
        "package": {
          "$ref": "#/definitions/package",
          "description": "The training package. Give package or packages."
        },
        "packages": {
          "description": "The training package and its local dependencies, installed in order (1-100). Give package or packages.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/package"
          },
          "minItems": 1
        },
        "module": {
          "description": "Python module to run, e.g. `trainer.task`.",
          "type": "string"
        },
        "args": {
          "$ref": "#/definitions/args"
        },
        "env": {
          "$ref": "#/definitions/envVars"
        }
      },
      "oneOf": [
        {
          "properties": {
            "package": true
          },
          "required": [
            "package"
          ]
        },
        {
          "properties": {
            "packages": true
          },
          "required": [
            "packages"
          ]
        }
      ]
    },
    "package": {
      "description": "A Python package: exactly one of `directory` (a local project, packaged at synth), `file` (a built sdist or wheel) or `gcsUri` (already in Cloud Storage). Relative paths are relative to this file's folder.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "directory": {
          "description": "A local Python project (with setup.py or pyproject.toml), relative to this file's folder.",
          "type": "string"
        },
        "file": {
          "description": "A source distribution (.tar.gz, .zip) or wheel (.whl), relative to this file's folder.",
          "type": "string"
        },
        "gcsUri": {
          "description": "`gs://BUCKET/OBJECT`, ending in .tar.gz, .zip or .whl.",
          "type": "string"
        }
      },
      "oneOf": [
        {
          "properties": {
            "directory": true
          },
          "required": [
            "directory"
          ]
        },
        {
          "properties": {
            "file": true
          },
          "required": [
            "file"
          ]
        },
        {
          "properties": {
            "gcsUri": true
          },
          "required": [
            "gcsUri"
          ]
        }
      ]
    },
    "containerCode": {
      "description": "A custom container image, with an optional command and arguments.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "image"
      ],
      "properties": {
        "image": {
          "$ref": "#/definitions/image"
        },
        "command": {
          "$ref": "#/definitions/args",
          "description": "Overrides the image's ENTRYPOINT."
        },
        "args": {
          "$ref": "#/definitions/args"
        },
        "env": {
          "$ref": "#/definitions/envVars"
        }
      }
    },
    "image": {
      "description": "A container image: `name` (with `tag` or `digest`) in the environment's Docker repository, or any `uri`.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "repository": {
          "description": "The repository of `name`: `docker`, the environment's Docker repository.",
          "enum": [
            "docker"
          ],
          "default": "docker"
        },
        "name": {
          "description": "Image path within the repository, e.g. `trainer` or `team/trainer`.",
          "type": "string"
        },
        "tag": {
          "description": "Tag of the image; give a tag or a digest. Default: latest (when no digest).",
          "type": "string"
        },
        "digest": {
          "description": "Digest of the image (`sha256:` and 64 hex digits): every run uses the same image, and a new image is a visible change of the job.",
          "type": "string"
        },
        "uri": {
          "description": "Any image URI: `HOST/PATH:TAG` or `HOST/PATH@sha256:DIGEST`.",
          "type": "string"
        }
      },
      "oneOf": [
        {
          "properties": {
            "name": true
          },
          "required": [
            "name"
          ]
        },
        {
          "properties": {
            "uri": true
          },
          "required": [
            "uri"
          ]
        }
      ],
      "allOf": [
        {
          "if": {
            "properties": {
              "uri": true
            },
            "required": [
              "uri"
            ]
          },
          "then": {
            "properties": {
              "repository": false,
              "tag": false,
              "digest": false
            }
          }
        }
      ]
    },
    "strategy": {
      "description": "How Vertex AI obtains the VMs: `standard` (on demand), `spot` (preemptible) or `flex-start` (Dynamic Workload Scheduler); spot and flex-start consume preemptible quota.",
      "enum": [
        "standard",
        "spot",
        "flex-start"
      ]
    },
    "scheduling": {
      "description": "Strategy, timeout and restarts. Default: standard VMs, Vertex AI's 7-day timeout.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "strategy": {
          "$ref": "#/definitions/strategy",
          "default": "standard"
        },
        "timeout": {
          "$ref": "#/definitions/duration",
          "description": "Longest the job may run (at most 7 days with flex-start). Default: 7 days."
        },
        "maxWait": {
          "$ref": "#/definitions/duration",
          "description": "flex-start only: longest wait for capacity; `0s` waits indefinitely. Default: 1 day."
        },
        "restartJobOnWorkerRestart": {
          "description": "Restart the whole job when a worker restarts (maintenance or preemption).",
          "type": "boolean",
          "default": false
        },
        "disableRetries": {
          "description": "Fail instead of retrying on errors; overrides restartJobOnWorkerRestart.",
          "type": "boolean",
          "default": false
        }
      }
    },
    "trigger": {
      "description": "Why the job starts: exactly one of `schedule`, `onChange` or `onNewData`.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "schedule": {
          "description": "Launch on a cron schedule (Cloud Scheduler).",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "cron"
          ],
          "properties": {
            "cron": {
              "description": "unix-cron schedule of 5 fields, e.g. `0 3 * * *` (every day at 03:00).",
              "type": "string"
            },
            "timeZone": {
              "description": "IANA time zone of the schedule.",
              "type": "string",
              "default": "Etc/UTC"
            }
          }
        },
        "onChange": {
          "description": "`true`: launch once for every deploy that changes the job's request body (GitOps).",
          "const": true
        },
        "onNewData": {
          "$ref": "#/definitions/newData"
        }
      },
      "oneOf": [
        {
          "properties": {
            "schedule": true
          },
          "required": [
            "schedule"
          ]
        },
        {
          "properties": {
            "onChange": true
          },
          "required": [
            "onChange"
          ]
        },
        {
          "properties": {
            "onNewData": true
          },
          "required": [
            "onNewData"
          ]
        }
      ]
    },
    "newData": {
      "description": "Launch when objects land under `prefix` in `bucket`: every finalized object launches a run, unless `marker`, `suffix` or `pattern` (at most one) picks the objects that do, and `coalesce` gathers the matching objects of a window into one run. Each run gets the objects that triggered it in `VT_TRIGGER_OBJECTS`, a JSON list of `gs://bucket/object` URIs (at most 500).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "bucket": {
          "description": "`data` (the data bucket of the job's team, or of the environment), a bucket name, or a `${{ ... }}` reference.",
          "type": "string",
          "default": "data"
        },
        "prefix": {
          "description": "Object name prefix; empty: every object.",
          "type": "string",
          "default": ""
        },
        "location": {
          "description": "Location of the bucket (a region or a multi-region such as `us`). Default: the environment's region.",
          "type": "string"
        },
        "marker": {
          "description": "An object whose last path segment is this name (e.g. `_SUCCESS`) completes a drop and launches a run, which gets the marker (the drop is its directory); markers at any depth below the prefix count.",
          "type": "string"
        },
        "suffix": {
          "description": "Only objects whose names end in this text (e.g. `.parquet`; no wildcards) launch.",
          "type": "string"
        },
        "pattern": {
          "description": "Only objects whose names after the prefix match this RE2 expression as a whole launch (it is anchored for you: no `^` or `$`; no lookarounds or backreferences).",
          "type": "string"
        },
        "coalesce": {
          "$ref": "#/definitions/duration",
          "description": "One run per window of this length (1 minute to 24 hours, e.g. `15m`), with every matching object created in it: tumbling windows aligned to the Unix epoch; the run starts when its window ends. Default: no window: every matching object launches its own run."
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "marker": true
            },
            "required": [
              "marker"
            ]
          },
          "then": {
            "properties": {
              "suffix": false,
              "pattern": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "suffix": true
            },
            "required": [
              "suffix"
            ]
          },
          "then": {
            "properties": {
              "pattern": false
            }
          }
        }
      ]
    },
    "study": {
      "description": "What a tuning job searches for, and how (the Vertex AI StudySpec).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "metrics",
        "parameters"
      ],
      "properties": {
        "metrics": {
          "description": "Metrics to optimize (unique IDs); the training code reports them, e.g. with cloudml-hypertune.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/metric"
          },
          "minItems": 1
        },
        "parameters": {
          "description": "Parameters to search (unique IDs); each trial passes `--<id>=<value>` to the training code.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/parameter"
          },
          "minItems": 1
        },
        "algorithm": {
          "description": "Search algorithm: `bayesian` (Vertex AI Vizier), `grid` (integer, categorical and discrete parameters only) or `random`.",
          "enum": [
            "bayesian",
            "grid",
            "random"
          ],
          "default": "bayesian"
        },
        "measurementSelection": {
          "description": "Which measurement of a trial counts: `last` or `best`. Default: Vertex AI's, last.",
          "enum": [
            "last",
            "best"
          ]
        },
        "automatedStopping": {
          "$ref": "#/definitions/automatedStopping"
        }
      }
    },
    "metric": {
      "description": "A metric the study optimizes.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "goal"
      ],
      "properties": {
        "id": {
          "description": "The metric ID the training code reports.",
          "type": "string"
        },
        "goal": {
          "description": "Whether larger (`maximize`) or smaller (`minimize`) is better.",
          "enum": [
            "maximize",
            "minimize"
          ]
        }
      }
    },
    "parameter": {
      "description": "A hyperparameter: `double` or `integer` (min, max, scale), `categorical` (string values) or `discrete` (increasing number values, scale).",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "id",
        "type"
      ],
      "properties": {
        "id": {
          "description": "The parameter ID: the training code's argument name.",
          "type": "string"
        },
        "type": {
          "description": "Kind of parameter.",
          "enum": [
            "double",
            "integer",
            "categorical",
            "discrete"
          ]
        },
        "min": {
          "description": "double and integer: smallest value (inclusive); above 0 with a log or reverse-log scale.",
          "type": "number"
        },
        "max": {
          "description": "double and integer: largest value (inclusive).",
          "type": "number"
        },
        "scale": {
          "description": "double, integer and discrete: how the range is scaled while searching it. Default: no scaling.",
          "enum": [
            "linear",
            "log",
            "reverse-log"
          ]
        },
        "values": {
          "description": "categorical: the strings; discrete: the numbers, in increasing order.",
          "type": "array",
          "minItems": 1
        },
        "children": {
          "description": "categorical, discrete and integer: parameters searched only in trials where this one takes given values.",
          "type": "array",
          "items": {
            "$ref": "#/definitions/conditionalParameter"
          }
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "type": {
                "enum": [
                  "double",
                  "integer"
                ]
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "min",
              "max"
            ],
            "properties": {
              "min": true,
              "max": true,
              "values": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "categorical"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "values"
            ],
            "properties": {
              "values": {
                "type": "array",
                "items": {
                  "type": "string"
                }
              },
              "min": false,
              "max": false,
              "scale": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "discrete"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "required": [
              "values"
            ],
            "properties": {
              "values": {
                "type": "array",
                "items": {
                  "type": "number"
                }
              },
              "min": false,
              "max": false
            }
          }
        },
        {
          "if": {
            "properties": {
              "type": {
                "const": "double"
              }
            },
            "required": [
              "type"
            ]
          },
          "then": {
            "properties": {
              "children": false
            }
          }
        }
      ]
    },
    "conditionalParameter": {
      "description": "A parameter searched only when its parent takes one of the `when` values.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "when",
        "parameter"
      ],
      "properties": {
        "when": {
          "description": "Values of the parent (strings for a categorical parent, numbers otherwise).",
          "type": "array",
          "minItems": 1
        },
        "parameter": {
          "$ref": "#/definitions/parameter"
        }
      }
    },
    "automatedStopping": {
      "description": "A rule that stops unpromising trials early. Default: trials run to completion.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "rule"
      ],
      "properties": {
        "rule": {
          "description": "`median`: below the median of completed trials; `decay-curve`: predicted curve will not beat the best; `convex`: convex prediction will not beat the best.",
          "enum": [
            "median",
            "decay-curve",
            "convex"
          ]
        },
        "useElapsedDuration": {
          "description": "Compare trials by elapsed time instead of by reported step count.",
          "type": "boolean",
          "default": false
        },
        "maxStepCount": {
          "description": "convex: steps at which the final objective is predicted.",
          "type": "integer"
        },
        "minStepCount": {
          "description": "convex: steps a trial runs before it may be stopped.",
          "type": "integer"
        },
        "minMeasurementCount": {
          "description": "convex: measurements before a trial may be stopped.",
          "type": "integer",
          "default": 5
        },
        "learningRateParameterName": {
          "description": "convex: the ID of the study's learning-rate parameter.",
          "type": "string"
        },
        "updateAllStoppedTrials": {
          "description": "convex: update every stopped trial's final measurement.",
          "type": "boolean",
          "default": false
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "rule": {
                "enum": [
                  "median",
                  "decay-curve"
                ]
              }
            },
            "required": [
              "rule"
            ]
          },
          "then": {
            "properties": {
              "maxStepCount": false,
              "minStepCount": false,
              "minMeasurementCount": false,
              "learningRateParameterName": false,
              "updateAllStoppedTrials": false
            }
          }
        }
      ]
    },
    "tuning": {
      "description": "kind pipeline: make the training task a hyperparameter search; the best trial's model is uploaded.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "study",
        "maxTrialCount",
        "parallelTrialCount"
      ],
      "properties": {
        "study": {
          "$ref": "#/definitions/study"
        },
        "maxTrialCount": {
          "description": "Trials in total.",
          "type": "integer",
          "minimum": 1
        },
        "parallelTrialCount": {
          "description": "Trials that run at once.",
          "type": "integer",
          "minimum": 1
        },
        "maxFailedTrialCount": {
          "description": "Failed trials after which the job fails. Default: Vertex AI decides.",
          "type": "integer",
          "minimum": 0
        }
      }
    },
    "model": {
      "description": "kind pipeline: the model registered in the Model Registry, as a new version on every run.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "servingContainer"
      ],
      "properties": {
        "modelId": {
          "description": "ID of the model this pipeline registers (the first run creates it, every later run adds a version): 1-63 characters a-z, 0-9, `_` or `-`, the first not a digit or `-` (Vertex AI's rule). Default: the job's name, unless existingModel is given.",
          "type": "string"
        },
        "existingModel": {
          "description": "A model already in the Model Registry that every run adds a version to: its numeric ID (what the console and the SDK assign), its custom ID, or projects/PROJECT/locations/REGION/models/ID in the environment's project and region. The launcher never creates it. Not with modelId.",
          "type": "string"
        },
        "displayName": {
          "description": "Display name of the model. Default: the model ID.",
          "type": "string"
        },
        "description": {
          "description": "Description of the model.",
          "type": "string"
        },
        "servingContainer": {
          "$ref": "#/definitions/servingContainer"
        }
      }
    },
    "servingContainer": {
      "description": "The container that serves the model: exactly one of `prebuilt` or `custom`.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "prebuilt": {
          "description": "A prebuilt prediction image, from the registry mirror nearest the environment's region.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "framework",
            "version"
          ],
          "properties": {
            "framework": {
              "$ref": "#/definitions/framework"
            },
            "version": {
              "description": "Framework version, quoted, e.g. \"1.6\".",
              "type": "string"
            },
            "gpu": {
              "description": "Serve on GPUs.",
              "type": "boolean",
              "default": false
            }
          }
        },
        "custom": {
          "description": "A custom serving container.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "image"
          ],
          "properties": {
            "image": {
              "$ref": "#/definitions/image"
            },
            "predictRoute": {
              "description": "HTTP path of prediction requests.",
              "type": "string"
            },
            "healthRoute": {
              "description": "HTTP path of health checks.",
              "type": "string"
            },
            "port": {
              "description": "Port the server listens on.",
              "type": "integer",
              "default": 8080
            }
          }
        }
      },
      "oneOf": [
        {
          "properties": {
            "prebuilt": true
          },
          "required": [
            "prebuilt"
          ]
        },
        {
          "properties": {
            "custom": true
          },
          "required": [
            "custom"
          ]
        }
      ]
    },
    "dataset": {
      "description": "kind pipeline: a Vertex AI managed dataset as input, split by fractions.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "trainingFraction",
        "validationFraction",
        "testFraction"
      ],
      "properties": {
        "existingDatasetId": {
          "description": "Use this existing dataset (its numeric ID) instead of creating an empty CMEK-encrypted one.",
          "type": "string"
        },
        "metadataSchemaUri": {
          "description": "Metadata schema of a created dataset.",
          "type": "string",
          "default": "gs://google-cloud-aiplatform/schema/dataset/metadata/tabular_1.0.0.yaml"
        },
        "trainingFraction": {
          "description": "Fraction of data items for training (the three add up to at most 1).",
          "type": "number"
        },
        "validationFraction": {
          "description": "Fraction for validation.",
          "type": "number"
        },
        "testFraction": {
          "description": "Fraction for test.",
          "type": "number"
        }
      }
    },
    "gke": {
      "description": "A GKE cluster for training beside Vertex AI, deployed in three stacks, in order: the cluster and its node pools (with the environment), the add-ons (Kueue, JobSet), then the team queues and the jobs with `backend: gke`. Loaded only when TrainingConfig is given the add-ons and workloads stacks (options `addonsStack`, `workloadsStack`).",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "cluster": {
          "$ref": "#/definitions/gkeCluster"
        },
        "nodePools": {
          "description": "Node pools by name (the GKE node pool's name, and its Kueue ResourceFlavor's): the hardware of each node declared as for a job's worker pool, e.g. `h100-spot: {gpu: {type: h100, count: 8}, provisioning: spot, maxNodes: 4}`.",
          "type": "object",
          "additionalProperties": {
            "$ref": "#/definitions/nodePool"
          },
          "default": {}
        },
        "addons": {
          "$ref": "#/definitions/gkeAddons"
        },
        "cohortName": {
          "description": "Name of the Kueue Cohort in which the teams' ClusterQueues lend and borrow quota. Default: the environment's prefix.",
          "type": "string"
        },
        "teams": {
          "description": "Kueue queues by team (a name under `teams`): each team gets a namespace, a Kubernetes service account bound to its trainer identity, a ClusterQueue with its quotas and a LocalQueue.",
          "type": "object",
          "propertyNames": {
            "$ref": "#/definitions/teamName"
          },
          "additionalProperties": {
            "$ref": "#/definitions/gkeTeam"
          },
          "default": {}
        }
      }
    },
    "gkeCluster": {
      "description": "The GKE cluster: private nodes, Workload Identity, CMEK for boot disks and Secrets, in the environment's project, region and network (created or imported). Default: a cluster `<prefix>-training` on the regular release channel, reached through its DNS endpoint.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "name": {
          "description": "Name of the cluster to create (1-40 lowercase letters, digits or hyphens). Default: `<prefix>-training`.",
          "type": "string"
        },
        "existingClusterName": {
          "description": "Import this existing regional cluster of the environment's project and region instead of creating one; node pools can still be added to it.",
          "type": "string"
        },
        "releaseChannel": {
          "description": "Release channel of a created cluster.",
          "enum": [
            "rapid",
            "regular",
            "stable"
          ],
          "default": "regular"
        },
        "authorizedNetworks": {
          "$ref": "#/definitions/stringList",
          "description": "CIDRs allowed to reach the control plane's IP endpoint (never `0.0.0.0/0`). Default: none: the IP endpoint is off and the control plane is reached through its DNS endpoint (IAM)."
        },
        "publicEndpoint": {
          "description": "Whether the IP endpoint has a public address (reachable from authorizedNetworks); refused without them.",
          "type": "boolean",
          "default": false
        },
        "deletionProtection": {
          "description": "Whether Terraform refuses to destroy the cluster.",
          "type": "boolean",
          "default": true
        },
        "subnetwork": {
          "description": "Subnet of the nodes, required when the environment's network is imported (a name or self link). Default: the environment's subnet.",
          "type": "string"
        },
        "podsCidr": {
          "description": "Range of the pods (a /9 to /21).",
          "type": "string",
          "default": "10.20.0.0/14"
        },
        "servicesCidr": {
          "description": "Range of the Kubernetes Services (a /16 to /27).",
          "type": "string",
          "default": "10.24.0.0/20"
        },
        "podsRangeName": {
          "description": "An existing secondary range of the subnet for the pods (with servicesRangeName), instead of podsCidr.",
          "type": "string"
        },
        "servicesRangeName": {
          "description": "An existing secondary range of the subnet for the Services (with podsRangeName), instead of servicesCidr.",
          "type": "string"
        },
        "systemPool": {
          "description": "The system node pool of a created cluster (Kueue, JobSet and GKE's controllers). Default: e2-standard-4 nodes, 1 to 3 across the region.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "machineType": {
              "description": "Machine type of the system nodes (general purpose, never an accelerator machine).",
              "type": "string",
              "default": "e2-standard-4"
            },
            "minNodes": {
              "description": "Fewest system nodes across the region's zones (1-100).",
              "type": "integer",
              "default": 1
            },
            "maxNodes": {
              "description": "Most system nodes across the region's zones (1-100).",
              "type": "integer",
              "default": 3
            }
          }
        },
        "nodeServiceAccount": {
          "$ref": "#/definitions/serviceAccount",
          "description": "The identity of the cluster's nodes. Default: a service account `<prefix>-gke-nodes`."
        },
        "secretsKeyName": {
          "description": "A key of your own for application-layer Secrets encryption (`projects/P/locations/REGION/keyRings/R/cryptoKeys/K`, in the environment's region). Default: a key `<prefix>-gke-secrets` in the environment's key ring.",
          "type": "string"
        },
        "bootDiskKeyName": {
          "description": "A key of your own for the nodes' boot disks (same format and region rule). Default: a key `<prefix>-gke-disks` in the environment's key ring.",
          "type": "string"
        },
        "maintenanceWindow": {
          "description": "When GKE may upgrade and repair the cluster (upgrades drain nodes, ending the training pods on them). Default: GKE chooses.",
          "type": "object",
          "additionalProperties": false,
          "required": [
            "startTime",
            "endTime",
            "recurrence"
          ],
          "properties": {
            "startTime": {
              "description": "Start of the first occurrence, RFC 3339 in UTC, e.g. `2026-01-03T00:00:00Z`.",
              "type": "string"
            },
            "endTime": {
              "description": "End of the first occurrence, at least 4 hours after startTime.",
              "type": "string"
            },
            "recurrence": {
              "description": "RFC 5545 recurrence, e.g. `FREQ=WEEKLY;BYDAY=SA,SU`.",
              "type": "string"
            }
          }
        }
      }
    },
    "nodePool": {
      "description": "A node pool: the hardware of each node, exactly one of gpu, tpu or cpu as in a job's worker pool, with the same catalog rules; its labels, taints and Kueue ResourceFlavor derive from it. Autoscales from zero unless minNodes is given.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "maxNodes"
      ],
      "properties": {
        "gpu": {
          "$ref": "#/definitions/gpu",
          "description": "GPUs per node (the machine type is chosen unless given)."
        },
        "tpu": {
          "$ref": "#/definitions/tpu",
          "description": "A TPU slice: the pool holds one slice, and maxNodes is the slice's VM count."
        },
        "cpu": {
          "$ref": "#/definitions/cpu"
        },
        "provisioning": {
          "description": "How the nodes are obtained: `standard` (on demand, or a reservation), `spot`, `flex-start` or `queued-provisioning` (Dynamic Workload Scheduler: all nodes of a job arrive together).",
          "enum": [
            "standard",
            "spot",
            "flex-start",
            "queued-provisioning"
          ],
          "default": "standard"
        },
        "maxNodes": {
          "description": "Most nodes of the pool, over all its zones.",
          "type": "integer",
          "minimum": 1
        },
        "minNodes": {
          "description": "Fewest nodes of the pool, over all its zones.",
          "type": "integer",
          "minimum": 0,
          "default": 0
        },
        "zones": {
          "$ref": "#/definitions/stringList",
          "description": "Zones of the nodes, in the environment's region; a TPU slice and compact placement take exactly one. Default: the cluster's zones."
        },
        "compactPlacement": {
          "description": "Place the nodes close together (COMPACT placement policy). Default: true for a multi-host TPU slice, false otherwise.",
          "type": "boolean"
        },
        "bootDiskType": {
          "description": "Boot disk type of every node. Default: pd-ssd (hyperdisk-balanced on machines that take only it).",
          "enum": [
            "pd-ssd",
            "pd-standard",
            "hyperdisk-balanced"
          ]
        },
        "bootDiskSizeGb": {
          "description": "Boot disk size in GiB.",
          "type": "integer",
          "default": 100
        },
        "reservation": {
          "$ref": "#/definitions/reservation"
        },
        "gpuDriverVersion": {
          "description": "NVIDIA driver GKE installs on GPU nodes: `latest`, `default`, or `installation-disabled` (install it yourself).",
          "enum": [
            "latest",
            "default",
            "installation-disabled"
          ],
          "default": "latest"
        },
        "catalogOverrides": {
          "description": "Catalog checks to skip, for what Compute Engine offers but the catalog does not know yet. Default: every check is made.",
          "type": "object",
          "additionalProperties": false,
          "properties": {
            "skipLocationCheck": {
              "description": "Skip the check that the GPU or TPU is offered in the region.",
              "type": "boolean",
              "default": false
            },
            "skipCapacityModeCheck": {
              "description": "Skip the check that flex-start or queued provisioning takes the GPU or TPU.",
              "type": "boolean",
              "default": false
            }
          }
        }
      },
      "oneOf": [
        {
          "properties": {
            "gpu": true
          },
          "required": [
            "gpu"
          ]
        },
        {
          "properties": {
            "tpu": true
          },
          "required": [
            "tpu"
          ]
        },
        {
          "properties": {
            "cpu": true
          },
          "required": [
            "cpu"
          ]
        }
      ]
    },
    "gkeAddons": {
      "description": "The cluster add-ons the queues and jobs need.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "kueue": {
          "$ref": "#/definitions/addon",
          "description": "Kueue (quotas and admission). Default: installed with Helm at the pinned release v0.19.2."
        },
        "jobSet": {
          "$ref": "#/definitions/addon",
          "description": "JobSet (the runs). Default: installed with Helm at the pinned release v0.12.0."
        }
      }
    },
    "addon": {
      "description": "How an add-on gets onto the cluster: installed by the library with its official Helm chart, or installed already by the cluster's owner.",
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "install": {
          "description": "`helm`: installed by the library in the add-ons stack; `preinstalled`: the cluster's owner installed it.",
          "enum": [
            "helm",
            "preinstalled"
          ],
          "default": "helm"
        },
        "version": {
          "description": "Release tag to install. Default: the pinned release.",
          "type": "string"
        },
        "values": {
          "description": "Extra Helm chart values.",
          "type": "object",
          "additionalProperties": {}
        }
      },
      "allOf": [
        {
          "if": {
            "properties": {
              "install": {
                "const": "preinstalled"
              }
            },
            "required": [
              "install"
            ]
          },
          "then": {
            "properties": {
              "version": false,
              "values": false
            }
          }
        }
      ]
    },
    "gkeTeam": {
      "description": "A team's Kueue ClusterQueue: its quotas per node pool, lent and borrowed in the cohort.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "quotas"
      ],
      "properties": {
        "quotas": {
          "description": "Quotas by node pool (a name under `gke.nodePools`), in the pool's unit: GPUs, TPU chips or vCPUs.",
          "type": "object",
          "additionalProperties": {
            "$ref": "#/definitions/flavorQuota"
          }
        },
        "queueingStrategy": {
          "description": "`best-effort-fifo`: a workload that does not fit lets the next ones that do be admitted; `strict-fifo`: the head of the queue blocks the rest until it fits.",
          "enum": [
            "best-effort-fifo",
            "strict-fifo"
          ],
          "default": "best-effort-fifo"
        }
      }
    },
    "flavorQuota": {
      "description": "A team's quota of one node pool.",
      "type": "object",
      "additionalProperties": false,
      "required": [
        "nominal"
      ],
      "properties": {
        "nominal": {
          "description": "What the team is guaranteed (GPUs, TPU chips, or vCPUs).",
          "type": "number",
          "minimum": 0
        },
        "borrowingLimit": {
          "description": "Most the team may borrow from the cohort on top of its nominal quota. Default: no limit but what the cohort has unused.",
          "type": "number",
          "minimum": 0
        },
        "lendingLimit": {
          "description": "Most of its unused nominal quota the team lends to the cohort. Default: all of it.",
          "type": "number",
          "minimum": 0
        }
      }
    }
  }
};
