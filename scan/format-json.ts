/** `--format json`: the findings (with their program line, when known), the exempted ones and the summary, for scripts. */
import type { ScanResult, Violation } from "./run";

function entry({ policy, level, severity, urn, type, name, message, source, exemption }: Violation): object {
    return { policy, level, severity, urn, type, name, message, ...(source ? { source } : {}), ...(exemption ? { exemption } : {}) };
}

export function formatJson(result: ScanResult): string {
    return JSON.stringify({ violations: result.violations.map(entry), exempted: result.exempted.map(entry), summary: result.summary }, null, 2) + "\n";
}
