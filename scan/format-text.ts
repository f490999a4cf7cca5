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

function block(v: Violation, paint: Paint, tag: string, tagStyle: "red" | "yellow" | "green"): string[] {
    const lines = [`${paint(tagStyle, `[${tag}]`)} ${paint("bold", v.policy)}${v.severity ? ` (${v.severity})` : ""}`];
    lines.push(`    ${v.message.split("\n").join("\n    ")}`);
    lines.push(`    ${paint("dim", where(v))}`);
    return lines;
}

export function formatText(result: ScanResult, colour: boolean): string {
    const paint = painter(colour);
    const lines: string[] = [];
    for (const v of result.violations) lines.push(...block(v, paint, v.level, v.level === "mandatory" ? "red" : "yellow"));
    for (const v of result.exempted) {
        lines.push(...block(v, paint, "exempted", "green"));
        const e = v.exemption!;
        lines.push(`    ${paint("dim", `exempted by ${JSON.stringify(e.resource)}${e.expires ? ` until ${e.expires}` : ""}: ${e.reason}`)}`);
    }
    if (lines.length) lines.push("");
    lines.push(paint(result.summary.failed ? "red" : "green", summaryLine(result)));
    return lines.join("\n") + "\n";
}
