/**
 * `--format markdown`: a summary table and the findings, for `$GITHUB_STEP_SUMMARY` or a pull
 * request comment. GitHub caps a step summary at 1 MiB, so the details stop after a fixed count.
 */
import type { ScanResult } from "./run";

const MAX_DETAILED = 300;

/** Table cells hold one line, and a `|` would end the cell. */
function cell(text: string): string {
    return text.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function code(text: string): string {
    return `<code>${cell(text)}</code>`;
}

export function formatMarkdown(result: ScanResult): string {
    const s = result.summary;
    const out: string[] = [];
    out.push(`## keyguard scan: ${s.failed ? "❌ failed" : "✅ passed"}`, "");
    out.push("| | count |", "|---|---:|");
    out.push(`| mandatory violations | ${s.mandatory} |`);
    out.push(`| advisory violations | ${s.advisory} |`);
    out.push(`| resources scanned | ${s.resourcesScanned} |`);
    out.push(`| policies run | ${s.policiesRun} |`);
    out.push("", `Input: ${s.input === "preview" ? "`pulumi preview --json`" : s.input === "program" ? "the program, run by `keyguard check`" : "`pulumi stack export`"}; fails on: ${s.failOn}.`, "");

    if (result.violations.length === 0) {
        out.push("No violations.");
        return out.join("\n") + "\n";
    }

    const perPolicy = new Map<string, { level: string; count: number; severity: string }>();
    for (const v of result.violations) {
        const key = `${v.policy}\u0000${v.level}`;
        const entry = perPolicy.get(key) ?? { level: v.level, count: 0, severity: v.severity };
        entry.count++;
        perPolicy.set(key, entry);
    }
    out.push("| policy | level | severity | violations |", "|---|---|---|---:|");
    for (const [key, e] of perPolicy) out.push(`| ${cell(key.split("\u0000")[0])} | ${e.level} | ${e.severity || "—"} | ${e.count} |`);

    out.push("", "### Findings", "", "| level | policy | resource | finding |", "|---|---|---|---|");
    for (const v of result.violations.slice(0, MAX_DETAILED)) {
        out.push(`| ${v.level} | ${cell(v.policy)} | ${code(v.name)}<br>${code(v.type)} | ${cell(v.message)} |`);
    }
    if (result.violations.length > MAX_DETAILED) {
        out.push("", `…and ${result.violations.length - MAX_DETAILED} more; see the SARIF or JSON report for all of them.`);
    }
    return out.join("\n") + "\n";
}
