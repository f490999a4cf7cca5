/** `--format json`: the findings (with their program line, when known), the exempted ones and the summary, for scripts. */
import type { ScanResult, Violation } from "./run";

/** One finding as scripts read it: `keyguard check`'s JSON adds its modes. */
export function jsonEntry({ policy, level, severity, urn, type, name, message, source, exemption }: Violation): object {
    return { policy, level, severity, urn, type, name, message, ...(source ? { source } : {}), ...(exemption ? { exemption } : {}) };
}

export function formatJson(result: ScanResult): string {
    return JSON.stringify({ violations: result.violations.map(jsonEntry), exempted: result.exempted.map(jsonEntry), summary: result.summary }, null, 2) + "\n";
}
