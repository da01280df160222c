import { TrainingReportData } from './report-data';

/**
 * The report as JSON for tools: object keys sorted at every level, lists in the report's order,
 * two-space indentation, ending with one newline — the same bytes for the same stack.
 */
export function renderTrainingReportJson(data: TrainingReportData): string {
  return `${JSON.stringify(sortKeys(data), undefined, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const sorted: { [key: string]: unknown } = {};
    for (const key of Object.keys(value).sort()) {
      const field = (value as { [key: string]: unknown })[key];
      if (field !== undefined) sorted[key] = sortKeys(field);
    }
    return sorted;
  }
  return value;
}
