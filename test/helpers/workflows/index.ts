/**
 * An interpreter of the Google Cloud Workflows language, for tests: it executes a workflow
 * definition (the JSON form of the YAML source) against fakes of the clock, environment, logging
 * and HTTP. See /work/notes/workflows-semantics.md for the semantics it follows and the readings
 * it takes where Google's reference is silent.
 */
export { runWorkflow } from './run';
export { FakeClock } from './types';
export type {
  Clock, GkeClusterRef, HttpCallRecord, HttpHandler, HttpRequest, HttpResponse, Limits, LogEntry, RunOptions, RunResult, SleepRecord,
} from './types';
export { ClusterNotRunning, ConnectionFailure, InvalidWorkflow, Refusal, Timeout, UnsupportedFeature } from './errors';
export { DEFAULT_LIMITS } from './limits';
