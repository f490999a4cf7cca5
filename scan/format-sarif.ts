/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF readers.
 *
 * One rule per policy of the pack, one result per violation. A result names the resource by
 * URN as a logical location. Its physical location is the program line that registered the
 * resource when the artifact records it (`sourcePosition`); otherwise the scanned artifact
 * itself, because GitHub rejects a whole upload if any result lacks a physical location
 * (github/codeql-action#1738), and a logical location alone would lose every finding.
 */
import { createHash } from "crypto";
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { repositoryUrl } from "../policies/lib/package-info";
import type { ScanResult, Violation } from "./run";

/** GitHub ranks security alerts by this property (0.1–10); the CVSS bands' midpoints. */
const SECURITY_SEVERITY: Record<Severity, string> = { low: "3.0", medium: "5.5", high: "8.0", critical: "9.5" };

type SarifLevel = "error" | "warning" | "note" | "none";

export function sarifLevel(level: EnforcementLevel): SarifLevel {
    switch (level) {
        case "mandatory":
        case "remediate":
            return "error";
        case "advisory":
            return "warning";
        default:
            return "none";
    }
}

export interface SarifOptions {
    toolVersion: string;
    /** The scanned file, relative to the working directory; the fallback physical location. */
    artifact?: string;
}

function toUri(file: string): string {
    return file.split("\\").join("/").split("/").map(encodeURIComponent).join("/");
}

function physicalLocation(v: Violation, artifact: string | undefined): object | undefined {
    if (v.source) {
        const region = v.source.line ? { region: { startLine: v.source.line, ...(v.source.column ? { startColumn: v.source.column } : {}) } } : {};
        return { artifactLocation: { uri: v.source.uri }, ...region };
    }
    if (artifact) return { artifactLocation: { uri: toUri(artifact) }, region: { startLine: 1 } };
    return undefined;
}

export function formatSarif(result: ScanResult, opts: SarifOptions): string {
    const ruleIndex = new Map<string, number>();
    const rules = result.policies.map(({ policy, level }, i) => {
        ruleIndex.set(policy.name, i);
        const framework = policy.framework ? ` (${policy.framework.name} ${policy.framework.version}${policy.framework.reference ? `, ${policy.framework.reference}` : ""})` : "";
        const severity = policy.severity;
        return {
            id: policy.name,
            name: policy.name,
            shortDescription: { text: policy.description },
            fullDescription: { text: `${policy.description}${framework}` },
            help: { text: policy.remediationSteps ?? policy.description },
            ...(policy.url ? { helpUri: policy.url } : {}),
            defaultConfiguration: { level: sarifLevel(level), enabled: level !== "disabled" },
            properties: {
                tags: ["security", "pulumi", policy.keyguard.kind === "stack" ? "stack-policy" : "resource-policy"],
                enforcementLevel: level,
                ...(severity ? { severity, "security-severity": SECURITY_SEVERITY[severity] } : {}),
            },
        };
    });
    const results = result.violations.map((v) => {
        const physical = physicalLocation(v, opts.artifact);
        return {
            ruleId: v.policy,
            ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
            level: sarifLevel(v.level),
            message: { text: v.message },
            locations: [
                {
                    ...(physical ? { physicalLocation: physical } : {}),
                    logicalLocations: [{ name: v.name, fullyQualifiedName: v.urn, kind: "resource" }],
                },
            ],
            // Stable across runs (no line numbers), so code scanning tracks one alert per finding.
            partialFingerprints: { "keyguardFinding/v1": createHash("sha256").update(`${v.policy}\n${v.urn}\n${v.message}`).digest("hex") },
            properties: { enforcementLevel: v.level, resourceType: v.type },
        };
    });
    const log = {
        $schema: "https://json.schemastore.org/sarif-2.1.0.json",
        version: "2.1.0",
        runs: [
            {
                tool: { driver: { name: "keyguard", version: opts.toolVersion, ...(repositoryUrl() ? { informationUri: repositoryUrl() } : {}), rules } },
                results,
            },
        ],
    };
    return JSON.stringify(log, null, 2) + "\n";
}
