/** `keyguard check`'s text and JSON reports: scan's, plus the program line and the modes of each finding. */
import type { CheckResult, CheckViolation } from "./run";

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;
type Colour = keyof typeof CODES;

function modesLabel(result: CheckResult): string {
    const modes = Object.keys(result.byMode);
    return modes.length === 2 ? "preview and apply" : (modes[0] ?? "apply");
}

export function checkSummaryLine(result: CheckResult): string {
    const s = result.summary;
    const verdict = s.failed ? "FAIL" : "PASS";
    return `keyguard check: ${verdict}: ${s.violations} violation${s.violations === 1 ? "" : "s"} (${s.mandatory} mandatory, ${s.advisory} advisory) in ${s.resourcesScanned} resource${s.resourcesScanned === 1 ? "" : "s"} of ${result.project.name} (stack ${result.project.stack}, ${modesLabel(result)}), ${s.policiesRun} policies, fail on ${s.failOn}`;
}

function where(v: CheckViolation): string {
    if (!v.source) return v.urn;
    return `${v.source.uri}${v.source.line ? `:${v.source.line}` : ""}${v.source.column ? `:${v.source.column}` : ""}  ${v.urn}`;
}

export function formatCheckText(result: CheckResult, colour: boolean): string {
    const paint = (c: Colour, text: string) => (colour ? `\x1b[${CODES[c]}m${text}\x1b[0m` : text);
    const both = Object.keys(result.byMode).length === 2;
    const lines: string[] = [];
    for (const v of result.violations) {
        const modes = both ? paint("dim", `  [${v.modes.length === 2 ? "preview, apply" : `${v.modes[0]} only`}]`) : "";
        lines.push(`${paint(v.level === "mandatory" ? "red" : "yellow", `[${v.level}]`)} ${paint("bold", v.policy)}${v.severity ? ` (${v.severity})` : ""}${modes}`);
        lines.push(`    ${v.message.split("\n").join("\n    ")}`);
        lines.push(`    ${paint("dim", where(v))}`);
    }
    if (lines.length) lines.push("");
    lines.push(paint(result.summary.failed ? "red" : "green", checkSummaryLine(result)));
    return lines.join("\n") + "\n";
}

export function formatCheckJson(result: CheckResult): string {
    const violations = result.violations.map(({ policy, level, severity, urn, type, name, message, source, modes }) => ({ policy, level, severity, urn, type, name, message, ...(source ? { source } : {}), modes }));
    const { project } = result;
    return JSON.stringify({ project: { name: project.name, stack: project.stack, main: project.main }, violations, summary: result.summary }, null, 2) + "\n";
}
