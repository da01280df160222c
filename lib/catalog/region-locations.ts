/**
 * Where the Google Cloud regions are, to suggest the nearest region that offers what a job asks
 * for (`NVIDIA_H100_80GB is not offered for training in southamerica-east1; nearest: us-east4`).
 * City coordinates (degrees, rounded) of the locations Google Cloud names for each region on its
 * "Cloud locations" page [unconfirmed: read from memory of that page, not from a fetched copy; a
 * wrong entry only changes which region a hint names first]. Regions whose city is not known here
 * are ranked after the others.
 */
const LOCATIONS: { readonly [region: string]: readonly [latitude: number, longitude: number] } = {
  'africa-south1': [-26.2, 28.0], // Johannesburg
  'asia-east1': [24.1, 120.5], // Changhua County, Taiwan
  'asia-east2': [22.3, 114.2], // Hong Kong
  'asia-northeast1': [35.7, 139.7], // Tokyo
  'asia-northeast2': [34.7, 135.5], // Osaka
  'asia-northeast3': [37.6, 127.0], // Seoul
  'asia-south1': [19.1, 72.9], // Mumbai
  'asia-south2': [28.7, 77.1], // Delhi
  'asia-southeast1': [1.3, 103.7], // Jurong West, Singapore
  'asia-southeast2': [-6.2, 106.8], // Jakarta
  'australia-southeast1': [-33.9, 151.2], // Sydney
  'australia-southeast2': [-37.8, 145.0], // Melbourne
  'europe-central2': [52.2, 21.0], // Warsaw
  'europe-north1': [60.6, 27.2], // Hamina
  'europe-north2': [59.3, 18.1], // Stockholm
  'europe-southwest1': [40.4, -3.7], // Madrid
  'europe-west1': [50.4, 3.8], // St. Ghislain
  'europe-west2': [51.5, -0.1], // London
  'europe-west3': [50.1, 8.7], // Frankfurt
  'europe-west4': [53.4, 6.8], // Eemshaven
  'europe-west6': [47.4, 8.5], // Zurich
  'europe-west8': [45.5, 9.2], // Milan
  'europe-west9': [48.9, 2.4], // Paris
  'europe-west10': [52.5, 13.4], // Berlin
  'europe-west12': [45.1, 7.7], // Turin
  'me-central1': [25.3, 51.5], // Doha
  'me-central2': [26.4, 50.1], // Dammam
  'me-west1': [32.1, 34.8], // Tel Aviv
  'northamerica-northeast1': [45.5, -73.6], // Montréal
  'northamerica-northeast2': [43.7, -79.4], // Toronto
  'southamerica-east1': [-23.5, -46.8], // Osasco (São Paulo)
  'southamerica-west1': [-33.4, -70.7], // Santiago
  'us-central1': [41.3, -95.9], // Council Bluffs, Iowa
  'us-east1': [33.2, -80.0], // Moncks Corner, South Carolina
  'us-east4': [39.0, -77.5], // Ashburn, Virginia
  'us-east5': [40.0, -83.0], // Columbus, Ohio
  'us-south1': [32.8, -96.8], // Dallas
  'us-west1': [45.6, -121.2], // The Dalles, Oregon
  'us-west2': [34.1, -118.2], // Los Angeles
  'us-west3': [40.8, -111.9], // Salt Lake City
  'us-west4': [36.2, -115.1], // Las Vegas
};

const RADIANS = Math.PI / 180;

/** Great-circle distance in km; undefined when either region's city is not known here. */
export function regionDistanceKm(a: string, b: string): number | undefined {
  const from = LOCATIONS[a];
  const to = LOCATIONS[b];
  if (!from || !to) return undefined;
  const [lat1, lon1] = [from[0] * RADIANS, from[1] * RADIANS];
  const [lat2, lon2] = [to[0] * RADIANS, to[1] * RADIANS];
  const h = Math.sin((lat2 - lat1) / 2) ** 2 + Math.cos(lat1) * Math.cos(lat2) * Math.sin((lon2 - lon1) / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * `candidates` from the nearest to `region` to the farthest; regions whose place is not known come
 * last, those of the same geography (`europe-`, `us-`) first among them.
 */
export function byDistanceFrom(region: string, candidates: readonly string[]): string[] {
  const area = region.split('-')[0];
  const rank = (candidate: string): number => regionDistanceKm(region, candidate)
    ?? (candidate.split('-')[0] === area ? 1e6 : 2e6);
  return [...candidates].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}
