/** `--format text` (the default): one block per finding, most severe first, then the exempted ones and a summary line. */
import { painter, Paint } from "./colour";
import { sourceText } from "./report";
import type { ScanResult, Violation } from "./run";

export function summaryLine(result: ScanResult, command = "keyguard scan"): string {
    const s = result.summary;
    const verdict = s.failed ? "FAIL" : "PASS";
    const exempted = s.exempted ? `, ${s.exempted} exempted` : "";
    return `${command}: ${verdict}: ${s.violations} violation${s.violations === 1 ? "" : "s"} (${s.mandatory} mandatory, ${s.advisory} advisory${exempted}) in ${s.resourcesScanned} resource${s.resourcesScanned === 1 ? "" : "s"}, ${s.policiesRun} policies, fail on ${s.failOn}`;
}

/** Where the finding is: the program line when the artifact recorded it, then the resource's URN. */
function where(v: Violation): string {
    const source = sourceText(v.source);
    return source ? `${source}  ${v.urn}` : v.urn;
}

function block<V extends Violation>(v: V, paint: Paint, tag: string, tagStyle: "red" | "yellow" | "green", note: (v: V) => string): string[] {
    const lines = [`${paint(tagStyle, `[${tag}]`)} ${paint("bold", v.policy)}${v.severity ? ` (${v.severity})` : ""}${note(v)}`];
    lines.push(`    ${v.message.split("\n").join("\n    ")}`);
    lines.push(`    ${paint("dim", where(v))}`);
    return lines;
}

/**
 * The findings of a scan or check, one block each, then the exempted ones with their reason and the
 * summary line; `note` adds to each heading (check: the modes a finding appeared in).
 */
export function textReport<V extends Violation>(findings: { violations: readonly V[]; exempted: readonly Violation[] }, summary: { line: string; failed: boolean }, paint: Paint, note: (v: V) => string = () => ""): string {
    const lines: string[] = [];
    for (const v of findings.violations) lines.push(...block(v, paint, v.level, v.level === "mandatory" ? "red" : "yellow", note));
    for (const v of findings.exempted) {
        lines.push(...block(v, paint, "exempted", "green", () => ""));
        const e = v.exemption!;
        lines.push(`    ${paint("dim", `exempted by ${JSON.stringify(e.resource)}${e.expires ? ` until ${e.expires}` : ""}: ${e.reason}`)}`);
    }
    if (lines.length) lines.push("");
    lines.push(paint(summary.failed ? "red" : "green", summary.line));
    return lines.join("\n") + "\n";
}

export function formatText(result: ScanResult, colour: boolean): string {
    return textReport(result, { line: summaryLine(result), failed: result.summary.failed }, painter(colour));
}
