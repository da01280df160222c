import { TrainingReportData } from './report-data';
import { withSortedKeys } from '../core/sorted-keys';

/**
 * The report as JSON for tools: object keys sorted at every level, lists in the report's order,
 * two-space indentation, ending with one newline — the same bytes for the same stack.
 */
export function renderTrainingReportJson(data: TrainingReportData): string {
  return `${JSON.stringify(withSortedKeys(data), undefined, 2)}\n`;
}
