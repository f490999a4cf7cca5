/** `--format text` (the default): one block per violation and a closing summary line, coloured on a terminal. */
import type { ScanResult, Violation } from "./run";

const CODES = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1 } as const;
type Colour = keyof typeof CODES;

export function summaryLine(result: ScanResult): string {
    const s = result.summary;
    const verdict = s.failed ? "FAIL" : "PASS";
    return `keyguard scan: ${verdict}: ${s.violations} violation${s.violations === 1 ? "" : "s"} (${s.mandatory} mandatory, ${s.advisory} advisory) in ${s.resourcesScanned} resource${s.resourcesScanned === 1 ? "" : "s"}, ${s.policiesRun} policies, fail on ${s.failOn}`;
}

export function formatText(result: ScanResult, colour: boolean): string {
    const paint = (c: Colour, text: string) => (colour ? `\x1b[${CODES[c]}m${text}\x1b[0m` : text);
    const levelColour = (v: Violation): Colour => (v.level === "mandatory" ? "red" : "yellow");
    const lines: string[] = [];
    for (const v of result.violations) {
        lines.push(`${paint(levelColour(v), `[${v.level}]`)} ${paint("bold", v.policy)}${v.severity ? ` (${v.severity})` : ""}`);
        lines.push(`    ${v.message.split("\n").join("\n    ")}`);
        lines.push(`    ${paint("dim", v.urn)}`);
    }
    if (lines.length) lines.push("");
    lines.push(paint(result.summary.failed ? "red" : "green", summaryLine(result)));
    return lines.join("\n") + "\n";
}
