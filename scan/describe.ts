/**
 * What a user reads about a policy without opening the code: `keyguard list`, `keyguard explain
 * <policy>`, and the generated reference (scripts/gen-docs.ts) all describe a policy from its
 * object, with these helpers, so the three never disagree.
 */
import type { FieldSchema } from "../policies/lib/config";
import type { KeyguardPolicy } from "../policies/lib/define";

export function knobType(field: FieldSchema): string {
    if (field.type === "array") return `${field.items.type}[]`;
    if (field.type === "string" && field.format === "regex") return "string (regex)";
    return field.type;
}

/** What a knob accepts beyond its type, when the schema says (" Allowed: 7 to 30."). */
export function knobBounds(field: FieldSchema): string {
    if (field.type === "integer" || field.type === "number") {
        if (field.minimum !== undefined && field.maximum !== undefined) return ` Allowed: ${field.minimum} to ${field.maximum}.`;
        if (field.minimum !== undefined) return ` Allowed: at least ${field.minimum}.`;
        if (field.maximum !== undefined) return ` Allowed: at most ${field.maximum}.`;
    }
    if (field.type === "string" && field.enum) return ` Allowed: ${field.enum.join(", ")}.`;
    if (field.type === "array" && field.items.enum) return ` Allowed: ${field.items.enum.join(", ")}.`;
    return "";
}

/** The policy's entry for `--policy-pack-config`: its level and every knob that has a default. */
export function exampleEntry(policy: KeyguardPolicy): Record<string, unknown> {
    const entry: Record<string, unknown> = { enforcementLevel: policy.enforcementLevel };
    for (const [knob, field] of Object.entries(policy.keyguard.configFields)) {
        if (field.default !== undefined) entry[knob] = field.default;
    }
    return entry;
}

/** An exemption as a user would write one for this policy. */
export function exampleExemption(): Record<string, string> {
    return { resource: "legacy-*", reason: "migrating to a customer-managed key in INFRA-123", expires: "2027-03-31" };
}

function frameworkText(policy: KeyguardPolicy): string | undefined {
    const f = policy.framework;
    if (!f) return undefined;
    return `${[[f.name, f.version].filter(Boolean).join(" "), f.reference].filter(Boolean).join(", ")}${f.specification ? `: ${f.specification}` : ""}`;
}

function pad(cells: string[][]): string[] {
    const widths = cells[0].map((_, i) => Math.max(...cells.map((row) => row[i].length)));
    return cells.map((row) => row.map((c, i) => (i === row.length - 1 ? c : c.padEnd(widths[i]))).join("  ").trimEnd());
}

/** `keyguard list`: one line per policy with its level, severity, auto-fix and the types it judges. */
export function listPolicies(policies: readonly KeyguardPolicy[]): string {
    const rows = [["POLICY", "LEVEL", "SEVERITY", "AUTO-FIX", "JUDGES"]];
    for (const p of policies) {
        const types = p.keyguard.types;
        const judges = `${p.keyguard.kind === "stack" ? "stack: " : ""}${types.slice(0, 3).join(", ")}${types.length > 3 ? `, +${types.length - 3} more` : ""}`;
        rows.push([p.name, p.enforcementLevel ?? "advisory", p.severity ?? "—", p.keyguard.autoFix ? "yes" : "no", judges]);
    }
    return `${pad(rows).join("\n")}\n\n\`keyguard explain <policy>\` shows a policy's checks, config and fix.\n`;
}

/** `keyguard explain <policy>`: what it checks, its config, its fix, and a config example with an exemption. */
export function explainPolicy(policy: KeyguardPolicy): string {
    const info = policy.keyguard;
    const out = [policy.name, "", policy.description, ""];
    out.push(`Level:     ${policy.enforcementLevel} (default)    Severity: ${policy.severity ?? "—"}    Auto-fix: ${info.autoFix ? "yes (enforcementLevel remediate)" : "no"}`);
    out.push(`${info.kind === "stack" ? "Stack policy over" : "Judges"}: ${info.types.join(", ")}`);
    const framework = frameworkText(policy);
    if (framework) out.push(`Framework: ${framework}`);
    out.push("", "Config:");
    for (const [knob, field] of Object.entries(info.configFields)) {
        const def = field.default === undefined ? "no default" : `default ${JSON.stringify(field.default)}`;
        out.push(`  ${knob} (${knobType(field)}, ${def}): ${field.description}${knobBounds(field)}`);
    }
    out.push(`  exemptions (list): {"resource": "<logical name or URN, * wildcards>", "reason": "<required>", "expires": "YYYY-MM-DD"}`);
    out.push("", `Fix: ${policy.remediationSteps ?? ""}`, "");
    const example = { [policy.name]: { ...exampleEntry(policy), exemptions: [exampleExemption()] } };
    out.push("Example (pulumi preview --policy-pack-config FILE, or keyguard scan --config FILE):");
    out.push(...JSON.stringify(example, null, 2).split("\n").map((l) => `  ${l}`));
    if (policy.url) out.push("", `Reference: ${policy.url}`);
    return out.join("\n") + "\n";
}
