/**
 * `--format sarif`: SARIF 2.1.0 for GitHub code scanning and other SARIF readers.
 *
 * One rule per policy of the pack, one result per violation. A result names the resource by
 * URN as a logical location. Its physical location is the program line that registered the
 * resource when the artifact records it (`sourcePosition`); otherwise the scanned artifact
 * itself (Pulumi.yaml when it came from standard input), because GitHub rejects a whole upload if
 * any result lacks a physical location (github/codeql-action#1738).
 *
 * An exempted finding is a result with an external suppression carrying the exemption's reason:
 * code scanning shows it as dismissed, and the audit trail keeps why.
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
    /** The scanned file, relative to the working directory; the fallback physical location (default Pulumi.yaml). */
    artifact?: string;
}

/** What a result without a program line points at when the caller names no artifact. */
export const DEFAULT_ARTIFACT = "Pulumi.yaml";

function toUri(file: string): string {
    return file.split("\\").join("/").split("/").map(encodeURIComponent).join("/");
}

function physicalLocation(v: Violation, artifact: string): object {
    if (v.source) {
        const region = v.source.line ? { region: { startLine: v.source.line, ...(v.source.column ? { startColumn: v.source.column } : {}) } } : {};
        return { artifactLocation: { uri: v.source.uri }, ...region };
    }
    return { artifactLocation: { uri: toUri(artifact) }, region: { startLine: 1 } };
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
    const artifact = opts.artifact ?? DEFAULT_ARTIFACT;
    const toResult = (v: Violation) => ({
        ruleId: v.policy,
        ...(ruleIndex.has(v.policy) ? { ruleIndex: ruleIndex.get(v.policy) } : {}),
        level: sarifLevel(v.level),
        message: { text: v.message },
        locations: [{ physicalLocation: physicalLocation(v, artifact), logicalLocations: [{ name: v.name, fullyQualifiedName: v.urn, kind: "resource" }] }],
        // Stable across runs (no line numbers), so code scanning tracks one alert per finding.
        partialFingerprints: { "keyguardFinding/v1": createHash("sha256").update(`${v.policy}\n${v.urn}\n${v.message}`).digest("hex") },
        ...(v.exemption && !v.exemption.expired
            ? { suppressions: [{ kind: "external", status: "accepted", justification: `${v.exemption.reason}${v.exemption.expires ? ` (until ${v.exemption.expires})` : ""}` }] }
            : {}),
        properties: { enforcementLevel: v.level, resourceType: v.type, ...(v.exemption ? { exemption: v.exemption } : {}) },
    });
    const results = [...result.violations, ...result.exempted].map(toResult);
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
