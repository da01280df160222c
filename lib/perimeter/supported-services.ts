/**
 * The Google APIs VPC Service Controls can restrict, as `<name>.googleapis.com`.
 *
 * A snapshot of Google's supported-products list, taken from a Google-authored Terraform sample of
 * 2026 (its `supported_restricted_service` local) because the HTML table of
 * https://cloud.google.com/vpc-service-controls/docs/supported-products was not available here.
 * [unconfirmed] against `gcloud access-context-manager supported-services list`, the authority:
 * Google adds services over time, so a perimeter can name services this list does not know yet
 * (`perimeter.additionalSupportedServices`). The Workflow Executions API is not restrictable on its
 * own: `workflows` covers it.
 */
export const VPC_SC_SUPPORTED_SERVICES: readonly string[] = [
  'accessapproval', 'agentcommunication', 'addressvalidation', 'adsdatahub', 'aiplatform', 'alloydb',
  'analyticshub', 'apigee', 'apigeeconnect', 'apihub', 'apikeys', 'apphub', 'artifactregistry', 'assuredoss',
  'assuredworkloads', 'auditmanager', 'automl', 'autoscaling', 'backupdr', 'baremetalsolution', 'batch',
  'beyondcorp', 'biglake', 'bigquery', 'bigquerydatapolicy', 'bigquerydatatransfer', 'bigquerymigration',
  'bigtable', 'binaryauthorization', 'blockchainnodeengine', 'certificatemanager', 'cloud',
  'cloudaicompanion', 'cloudasset', 'cloudbuild', 'cloudcode', 'cloudcontrolspartner', 'clouddeploy',
  'clouderrorreporting', 'cloudfunctions', 'cloudkms', 'cloudprofiler', 'cloudquotas',
  'cloudresourcemanager', 'cloudscheduler', 'cloudsearch', 'cloudsecuritycompliance', 'cloudsupport',
  'cloudtasks', 'cloudtrace', 'commerceorggovernance', 'composer', 'compute', 'confidentialcomputing',
  'config', 'configdelivery', 'connectgateway', 'connectors', 'contactcenteraiplatform',
  'contactcenterinsights', 'container', 'containeranalysis', 'containerfilesystem', 'containerregistry',
  'containersecurity', 'containerthreatdetection', 'contentwarehouse', 'databasecenter', 'databaseinsights',
  'datacatalog', 'dataflow', 'dataform', 'datafusion', 'datalineage', 'datamigration', 'datapipelines',
  'dataplex', 'dataproc', 'dataprocgdc', 'datastream', 'developerconnect', 'dialogflow', 'discoveryengine',
  'dlp', 'dns', 'documentai', 'domains', 'earthengine', 'edgecontainer', 'edgenetwork', 'essentialcontacts',
  'eventarc', 'eventarcpublishing', 'file', 'financialservices', 'firebaseappcheck', 'firebasecrashlytics',
  'firebasedataconnect', 'firebaserules', 'firebasevertexai', 'firestore', 'gameservices',
  'geocoding-backend', 'gkebackup', 'gkeconnect', 'gkehub', 'gkemulticloud', 'gkeonprem', 'healthcare',
  'iam', 'iamcredentials', 'iap', 'iaptunnel', 'identitytoolkit', 'ids', 'integrations', 'kmsinventory',
  'krmapihosting', 'kubernetesmetadata', 'language', 'licensemanager', 'lifesciences', 'livestream',
  'logging', 'looker', 'managedidentities', 'managedkafka', 'memcache', 'memorystore', 'meshca',
  'meshconfig', 'metastore', 'microservices', 'migrationcenter', 'ml', 'modelarmor', 'monitoring', 'netapp',
  'networkconnectivity', 'networkmanagement', 'networksecurity', 'networkservices', 'notebooks',
  'ondemandscanning', 'opsconfigmonitoring', 'orgpolicy', 'osconfig', 'oslogin', 'parallelstore',
  'parametermanager', 'places', 'policysimulator', 'policytroubleshooter', 'privateca',
  'privilegedaccessmanager', 'publicca', 'pubsub', 'pubsublite', 'rapidmigrationassessment',
  'recaptchaenterprise', 'recommender', 'redis', 'retail', 'run', 'seclm', 'secretmanager',
  'securesourcemanager', 'securetoken', 'securitycenter', 'securitycentermanagement', 'servicecontrol',
  'servicedirectory', 'servicehealth', 'servicenetworking', 'serviceusage', 'spanner', 'speakerid', 'speech',
  'sqladmin', 'ssh-serialport', 'storage', 'storagebatchoperations', 'storageinsights', 'storagetransfer',
  'sts', 'telemetry', 'texttospeech', 'timeseriesinsights', 'tpu', 'trafficdirector', 'transcoder',
  'translate', 'videointelligence', 'videostitcher', 'vision', 'visionai', 'visualinspection', 'vmmigration',
  'vmwareengine', 'vpcaccess', 'webrisk', 'websecurityscanner', 'workflows', 'workloadmanager',
  'workstations',
].map((name) => `${name}.googleapis.com`);

/** When the snapshot was taken. */
export const VPC_SC_SUPPORTED_SERVICES_AS_OF = '2026';

const SUPPORTED = new Set(VPC_SC_SUPPORTED_SERVICES);

/** Whether VPC Service Controls can restrict `service`, by the library's list or the user's additions. */
export function isRestrictable(service: string, additionalSupported: readonly string[] = []): boolean {
  return SUPPORTED.has(service) || additionalSupported.includes(service);
}

/**
 * The services a perimeter must restrict for an environment: the APIs it uses that VPC Service
 * Controls supports, plus extra ones, sorted and without duplicates.
 */
export function restrictedServices(usedApis: readonly string[], additional: readonly string[], additionalSupported: readonly string[] = []): string[] {
  return [...new Set([...usedApis.filter((api) => isRestrictable(api, additionalSupported)), ...additional])].sort();
}
