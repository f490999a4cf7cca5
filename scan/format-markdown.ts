/**
 * `--format markdown`: a summary table and the findings, for `$GITHUB_STEP_SUMMARY` or a pull
 * request comment. A comment holds at most 65,536 characters, so the report stays under
 * MAX_MARKDOWN_CHARS whatever the stack's size: the findings come most severe first, and when
 * they do not all fit, the least severe are left out and the report says how many.
 */
import { cell, htmlCode, literal } from "./markdown";
import { sourceText } from "./report";
import type { ScanResult, Violation } from "./run";

export const MAX_MARKDOWN_CHARS = 60_000;
/** No single cell may crowd out the rest: a finding's message is shown up to this many characters. */
const MAX_CELL_CHARS = 1_000;
/** Kept free for the closing line that says what was left out. */
const FOOTER_RESERVE = 400;

function text(value: string): string {
    const shown = value.length > MAX_CELL_CHARS ? `${value.slice(0, MAX_CELL_CHARS - 1)}…` : value;
    return cell(literal(shown));
}

function resourceCell(v: Violation): string {
    const source = sourceText(v.source);
    return `${htmlCode(cell(v.name))}<br>${htmlCode(cell(v.type))}${source ? `<br>${htmlCode(cell(source))}` : ""}`;
}

function plural(n: number, word: string): string {
    return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function formatMarkdown(result: ScanResult, title = "keyguard scan"): string {
    const s = result.summary;
    const out: string[] = [];
    out.push(`## ${title}: ${s.failed ? "❌ failed" : "✅ passed"}`, "");
    out.push("| | count |", "|---|---:|");
    out.push(`| mandatory violations | ${s.mandatory} |`);
    out.push(`| advisory violations | ${s.advisory} |`);
    out.push(`| exempted findings | ${s.exempted} |`);
    out.push(`| resources scanned | ${s.resourcesScanned} |`);
    out.push(`| policies run | ${s.policiesRun} |`);
    out.push("", `Input: ${s.input === "preview" ? "`pulumi preview --json`" : s.input === "program" ? "the program, run by `keyguard check`" : "`pulumi stack export`"}; fails on: ${s.failOn}.`, "");

    if (result.violations.length === 0 && result.exempted.length === 0) {
        out.push("No violations.");
        return out.join("\n") + "\n";
    }

    const perPolicy = new Map<string, { policy: string; level: string; severity: string; count: number; exempted: number }>();
    const tally = (v: Violation, exempted: boolean) => {
        const key = `${v.policy}\u0000${v.level}`;
        const entry = perPolicy.get(key) ?? { policy: v.policy, level: v.level, severity: v.severity, count: 0, exempted: 0 };
        if (exempted) entry.exempted++;
        else entry.count++;
        perPolicy.set(key, entry);
    };
    for (const v of result.violations) tally(v, false);
    for (const v of result.exempted) tally(v, true);
    out.push("| policy | level | severity | violations | exempted |", "|---|---|---|---:|---:|");
    for (const e of perPolicy.values()) out.push(`| ${cell(e.policy)} | ${e.level} | ${e.severity || "—"} | ${e.count} | ${e.exempted} |`);

    let size = out.reduce((n, line) => n + line.length + 1, 0);
    const budget = MAX_MARKDOWN_CHARS - FOOTER_RESERVE;
    const fits = (line: string) => size + line.length + 1 <= budget;
    const add = (line: string) => {
        out.push(line);
        size += line.length + 1;
    };
    // What did not fit, by severity ("exempted" for exempted findings), for the closing line.
    const leftOut = new Map<string, number>();
    const leaveOut = (label: string) => leftOut.set(label, (leftOut.get(label) ?? 0) + 1);
    const section = (heading: string[], rows: { line: string; label: string }[]) => {
        if (rows.length === 0) return;
        if (!heading.every(fits)) {
            rows.forEach((r) => leaveOut(r.label));
            return;
        }
        heading.forEach(add);
        // Rows come most severe first: once one does not fit, the rest are left out too, so the cut is never out of order.
        for (const row of rows) {
            if (leftOut.size === 0 && fits(row.line)) add(row.line);
            else leaveOut(row.label);
        }
    };
    section(
        ["", "### Findings", "", "| level | severity | policy | resource | finding |", "|---|---|---|---|---|"],
        result.violations.map((v) => ({ line: `| ${v.level} | ${v.severity || "—"} | ${cell(v.policy)} | ${resourceCell(v)} | ${text(v.message)} |`, label: v.severity || "unrated" })),
    );
    section(
        ["", "### Exempted", "", "| policy | resource | finding | reason | until |", "|---|---|---|---|---|"],
        result.exempted.map((v) => ({ line: `| ${cell(v.policy)} | ${resourceCell(v)} | ${text(v.message)} | ${text(v.exemption!.reason)} | ${v.exemption!.expires ?? "—"} |`, label: "exempted" })),
    );
    if (leftOut.size > 0) {
        const total = [...leftOut.values()].reduce((a, b) => a + b, 0);
        const parts = [...leftOut].map(([label, n]) => `${n} ${label}`).join(", ");
        out.push("", `_${plural(total, "finding")} left out to stay under GitHub's comment size limit (${parts}; the least severe go first). The SARIF or JSON report (\`--sarif FILE\`, \`--json FILE\`) has every one._`);
    }
    return out.join("\n") + "\n";
}
