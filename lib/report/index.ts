/** The public API of the training report (internal helpers are not exported). */
export * from './report-data';
export * from './gke-data';
export * from './training-report';
