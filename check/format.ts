/** `keyguard check`'s text and JSON reports: scan's, plus the program line and the modes of each finding. */
import { painter } from "../scan/colour";
import { jsonEntry } from "../scan/format-json";
import { textReport } from "../scan/format-text";
import type { CheckResult, CheckViolation } from "./run";

function modesLabel(result: CheckResult): string {
    const modes = Object.keys(result.byMode);
    return modes.length === 2 ? "preview and apply" : (modes[0] ?? "apply");
}

export function checkSummaryLine(result: CheckResult): string {
    const s = result.summary;
    const verdict = s.failed ? "FAIL" : "PASS";
    return `keyguard check: ${verdict}: ${s.violations} violation${s.violations === 1 ? "" : "s"} (${s.mandatory} mandatory, ${s.advisory} advisory) in ${s.resourcesScanned} resource${s.resourcesScanned === 1 ? "" : "s"} of ${result.project.name} (stack ${result.project.stack}, ${modesLabel(result)}), ${s.policiesRun} policies, fail on ${s.failOn}`;
}

/** Scan's text report, each heading saying the modes a finding appeared in when both ran. */
export function formatCheckText(result: CheckResult, colour: boolean): string {
    const paint = painter(colour);
    const both = Object.keys(result.byMode).length === 2;
    const modes = (v: CheckViolation) => (both ? paint("dim", `  [${v.modes.length === 2 ? "preview, apply" : `${v.modes[0]} only`}]`) : "");
    return textReport(result, { line: checkSummaryLine(result), failed: result.summary.failed }, paint, modes);
}

/** `--format json`: scan's JSON (violations, exempted findings with their exemption, summary) plus the project and each finding's modes. */
export function formatCheckJson(result: CheckResult): string {
    const { project } = result;
    return (
        JSON.stringify(
            {
                project: { name: project.name, stack: project.stack, main: project.main },
                violations: result.violations.map((v) => ({ ...jsonEntry(v), modes: v.modes })),
                exempted: result.exempted.map(jsonEntry),
                summary: result.summary,
            },
            null,
            2,
        ) + "\n"
    );
}
