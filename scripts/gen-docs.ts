/**
 * Generates the README's policy reference and policy-config.example.json from the policy
 * objects, so neither can drift from the code. `npm run docs` rewrites both;
 * `node dist/scripts/gen-docs.js --check` exits 1 when either is stale (CI and test/docs.test.ts).
 * Output depends only on the policy objects: the same policies give the same bytes.
 */
import * as fs from "fs";
import * as path from "path";
import { repoPackDir } from "../harness/grpc";
import { policies } from "../policies";
import type { KeyguardPolicy } from "../policies/lib/define";
import type { FieldSchema } from "../policies/lib/config";

export const START_MARKER = "<!-- policies:start -->";
export const END_MARKER = "<!-- policies:end -->";
export const EXAMPLE_CONFIG = "policy-config.example.json";

/** Makes text safe inside one Markdown table cell. */
function cell(text: string): string {
    return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function code(text: string): string {
    return `\`${text}\``;
}

function typeOf(field: FieldSchema): string {
    if (field.type === "array") return `${field.items.type}[]`;
    if (field.type === "string" && field.format === "regex") return "string (regex)";
    return field.type;
}

function defaultOf(field: FieldSchema): string {
    return field.default === undefined ? "none" : code(JSON.stringify(field.default));
}

/** What a knob accepts beyond its type, when the schema says. */
function boundsOf(field: FieldSchema): string {
    if (field.type === "integer" || field.type === "number") {
        if (field.minimum !== undefined && field.maximum !== undefined) return ` Allowed: ${field.minimum} to ${field.maximum}.`;
        if (field.minimum !== undefined) return ` Allowed: at least ${field.minimum}.`;
        if (field.maximum !== undefined) return ` Allowed: at most ${field.maximum}.`;
    }
    if (field.type === "string" && field.enum) return ` Allowed: ${field.enum.join(", ")}.`;
    return "";
}

function typesOf(policy: KeyguardPolicy): string {
    return policy.keyguard.types.map(code).join(", ");
}

function section(policy: KeyguardPolicy): string[] {
    const info = policy.keyguard;
    const lines = [`### ${policy.name}`, "", policy.description ?? "", ""];
    lines.push(`- Level: **${policy.enforcementLevel}** · Severity: **${policy.severity}**`);
    lines.push(`- ${info.kind === "stack" ? "Stack policy over" : "Resource types"}: ${typesOf(policy)}`);
    lines.push(`- Auto-fix: ${info.autoFix ? "yes (enforcement level `remediate` applies the fix)" : "no"}`);
    if (policy.framework) {
        const f = policy.framework;
        lines.push(`- Framework: ${[[f.name, f.version].filter(Boolean).join(" "), f.reference].filter(Boolean).join(", ")}${f.specification ? `: ${f.specification}` : ""}`);
    }
    lines.push("");
    const fields = Object.entries(info.configFields);
    if (fields.length > 0) {
        lines.push("| config | type | default | description |", "|---|---|---|---|");
        for (const [knob, field] of fields) {
            lines.push(`| ${code(knob)} | ${typeOf(field)} | ${cell(defaultOf(field))} | ${cell(field.description + boundsOf(field))} |`);
        }
        lines.push("");
    }
    lines.push(`**Fix:** ${policy.remediationSteps ?? ""}`, "");
    return lines;
}

/** The Markdown between the README's policy markers. */
export function renderReference(list: readonly KeyguardPolicy[]): string {
    const lines = ["| policy | level | severity | resource types | auto-fix |", "|---|---|---|---|---|"];
    for (const p of list) {
        lines.push(`| [${p.name}](#${p.name}) | ${p.enforcementLevel} | ${p.severity} | ${cell(typesOf(p))} | ${p.keyguard.autoFix ? "yes" : "no"} |`);
    }
    lines.push("");
    for (const p of list) lines.push(...section(p));
    return lines.join("\n").trimEnd();
}

/** Every policy at its default level, with every knob that has a default, for `--policy-pack-config`. */
export function renderExampleConfig(list: readonly KeyguardPolicy[]): string {
    const config: Record<string, Record<string, unknown>> = {};
    for (const p of list) {
        const entry: Record<string, unknown> = { enforcementLevel: p.enforcementLevel };
        for (const [knob, field] of Object.entries(p.keyguard.configFields)) {
            if (field.default !== undefined) entry[knob] = field.default;
        }
        config[p.name] = entry;
    }
    return `${JSON.stringify(config, null, 2)}\n`;
}

/** The README with its reference replaced; throws when the markers are missing or out of order. */
export function withReference(readme: string, reference: string): string {
    const start = readme.indexOf(START_MARKER);
    const end = readme.indexOf(END_MARKER);
    if (start < 0 || end < start) throw new Error(`README.md must hold ${START_MARKER} followed by ${END_MARKER}`);
    return `${readme.slice(0, start + START_MARKER.length)}\n${reference}\n${readme.slice(end)}`;
}

export interface GeneratedFile {
    path: string;
    current: string;
    wanted: string;
}

/** The generated files of the repo at `root`, with what they hold now and what they should hold. */
export function generatedFiles(root = repoPackDir(__dirname), list: readonly KeyguardPolicy[] = policies): GeneratedFile[] {
    const readmePath = path.join(root, "README.md");
    const configPath = path.join(root, EXAMPLE_CONFIG);
    const readme = fs.readFileSync(readmePath, "utf8");
    const config = fs.existsSync(configPath) ? fs.readFileSync(configPath, "utf8") : "";
    return [
        { path: readmePath, current: readme, wanted: withReference(readme, renderReference(list)) },
        { path: configPath, current: config, wanted: renderExampleConfig(list) },
    ];
}

function main(argv: string[]): number {
    const files = generatedFiles();
    const stale = files.filter((f) => f.current !== f.wanted);
    if (argv.includes("--check")) {
        for (const f of stale) console.error(`${path.basename(f.path)} is stale: run npm run docs`);
        return stale.length === 0 ? 0 : 1;
    }
    for (const f of stale) fs.writeFileSync(f.path, f.wanted);
    console.log(stale.length === 0 ? "docs are up to date" : `rewrote ${stale.map((f) => path.basename(f.path)).join(", ")}`);
    return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
