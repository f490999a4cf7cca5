/** `--format json`: the violations and the summary, for scripts. */
import type { ScanResult } from "./run";

export function formatJson(result: ScanResult): string {
    const violations = result.violations.map(({ policy, level, severity, urn, type, name, message }) => ({ policy, level, severity, urn, type, name, message }));
    return JSON.stringify({ violations, summary: result.summary }, null, 2) + "\n";
}
