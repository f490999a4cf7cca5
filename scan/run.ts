/**
 * Judges scanned resources with the pack's own policy objects, through the in-process harness
 * (the SDK's deserializer, unknown-checking proxy and reportViolation semantics): each resource
 * through `analyzeResource`, then the whole stack through `analyzeStack` for each stack policy, as the engine does.
 */
import type { EnforcementLevel, Severity } from "@pulumi/policy";
import { analyzeResource, analyzeStack, Diagnostic, findingText, levelOf, PackConfig } from "../harness/in-process";
import { expiredNote as expiredNoteText } from "../policies/core/exemption";
import { KeyguardPolicy, KeyguardResourcePolicy, KeyguardStackPolicy, observeExemptions, typeMatcher } from "../policies/lib/define";
import { ScanInput, ScanResource, selectResources, SourceLocation } from "./input";
import { orderFindings } from "./report";

export type FailOn = "mandatory" | "advisory" | "never";

export interface Violation {
    policy: string;
    level: EnforcementLevel;
    severity: Severity | "";
    urn: string;
    type: string;
    name: string;
    message: string;
    source?: SourceLocation;
    /** The pack config's exemption that covers it; `expired: true` when its last day has passed and the finding counts again. */
    exemption?: ExemptionNote;
}

export interface ExemptionNote {
    resource: string;
    reason: string;
    expires?: string;
    expired: boolean;
}

export interface ScanSummary {
    input: ScanInput["kind"];
    resourcesScanned: number;
    entriesInInput: number;
    policiesRun: number;
    violations: number;
    mandatory: number;
    advisory: number;
    /** Findings an exemption in the pack config covers: listed, not counted as violations. */
    exempted: number;
    notApplicable: number;
    failOn: FailOn;
    failed: boolean;
}

export interface ScanResult {
    /** Most severe first (report.ts's order). */
    violations: Violation[];
    /** Findings an exemption covers, in the same order, each with its exemption. */
    exempted: Violation[];
    summary: ScanSummary;
    /** Every policy of the pack with the level it ran at, for the report's rule list. */
    policies: { policy: KeyguardPolicy; level: EnforcementLevel }[];
}

export function effectiveLevel(policy: KeyguardPolicy, config: PackConfig): EnforcementLevel {
    // A remediation cannot run on an artifact; like the server, report it as mandatory.
    const level = levelOf(policy, config);
    return level === "remediate" ? "mandatory" : level;
}

/** The policies the config does not disable: what a run judges with. */
export function runningPolicies(policies: readonly KeyguardPolicy[], config: PackConfig): KeyguardPolicy[] {
    return policies.filter((p) => effectiveLevel(p, config) !== "disabled");
}

/** Whether some policy judges resources of `type` (so the stack itself or a provider is kept). */
export function judgedTypes(policies: readonly KeyguardPolicy[]): (type: string) => boolean {
    return typeMatcher(policies.flatMap((p) => p.keyguard.types));
}

export function fails(level: EnforcementLevel, failOn: FailOn): boolean {
    if (failOn === "never") return false;
    if (failOn === "advisory") return level === "mandatory" || level === "advisory";
    return level === "mandatory";
}

export interface ScanOptions {
    /** Called after each resource is judged, with how many of how many: for progress on long inputs. */
    onProgress?(done: number, total: number): void;
}

export async function runScan(input: ScanInput, policies: readonly KeyguardPolicy[], config: PackConfig, failOn: FailOn, options: ScanOptions = {}): Promise<ScanResult> {
    const byName = new Map(policies.map((p) => [p.name, p]));
    const active = runningPolicies(policies, config);
    const resourcePolicies = active.filter((p): p is KeyguardResourcePolicy => p.keyguard.kind === "resource");
    const stackPolicies = active.filter((p): p is KeyguardStackPolicy => p.keyguard.kind === "stack");

    // A resource policy returns at once for types it does not judge, so only the matching ones
    // are called: the same verdicts, without 19 deserializations per resource.
    const matchers = resourcePolicies.map((p) => ({ p, matches: typeMatcher(p.keyguard.types) }));
    const forType = new Map<string, KeyguardResourcePolicy[]>();
    const policiesFor = (type: string): KeyguardResourcePolicy[] => {
        let list = forType.get(type);
        if (!list) forType.set(type, (list = matchers.filter((m) => m.matches(type)).map((m) => m.p)));
        return list;
    };

    const resources = selectResources(input.resources, judgedTypes(policies));
    const violations: Violation[] = [];
    let notApplicable = 0;
    const record = (d: Diagnostic, resource: ScanResource | undefined) => {
        const policy = byName.get(d.policy);
        const urn = resource?.urn ?? d.urn ?? input.stackUrn ?? "";
        const message = findingText(d.message, policy?.description);
        const expiredNote = expired.get(findingKey(d.policy, urn, message));
        violations.push({
            policy: d.policy,
            level: d.level,
            severity: policy?.severity ?? "",
            urn,
            type: resource?.type ?? (input.stackUrn ? "pulumi:pulumi:Stack" : ""),
            name: resource?.name ?? "stack",
            message,
            ...(resource?.source ? { source: resource.source } : {}),
            ...(expiredNote ? { exemption: expiredNote } : {}),
        });
    };

    const everything = input.resources;
    const byUrn = new Map(everything.map((r) => [r.urn, r]));
    // The builder applies the exemptions (so the pack and the scan agree); the scan lists what they covered.
    const exempted: Violation[] = [];
    const expired = new Map<string, ExemptionNote>();
    const findingKey = (policy: string, urn: string, message: string) => `${policy}\u0000${urn}\u0000${message}`;
    const stopObserving = observeExemptions((policyName, subject, message, match) => {
        const { resource: pattern, reason, expires } = match.exemption;
        const note: ExemptionNote = { resource: pattern, reason, ...(expires ? { expires } : {}), expired: match.expired };
        if (match.expired) {
            expired.set(findingKey(policyName, subject.urn, `${message} ${expiredNoteText(match.exemption)}`), note);
            return;
        }
        const policy = byName.get(policyName);
        const resource = byUrn.get(subject.urn);
        exempted.push({
            policy: policyName,
            level: policy ? effectiveLevel(policy, config) : "advisory",
            severity: policy?.severity ?? "",
            urn: subject.urn,
            type: resource?.type ?? "",
            name: subject.name,
            message,
            ...(resource?.source ? { source: resource.source } : {}),
            exemption: note,
        });
    });

    try {
        for (const [i, resource] of resources.entries()) {
            options.onProgress?.(i, resources.length);
            const matching = policiesFor(resource.type);
            if (matching.length === 0) continue;
            const outcome = await analyzeResource(matching, resource, config);
            notApplicable += outcome.notApplicable.length;
            for (const d of outcome.diagnostics) record(d, resource);
        }
        // Every stack policy is handed the whole stack (the stack resource and providers too), as the
        // engine hands it over AnalyzeStack: a policy may follow a reference to a type it does not judge
        // (s3-bucket-sse-kms reaches keys through aliases). test/scan/stack-parity.test.ts compares.
        const outcome = await analyzeStack(stackPolicies, everything, config);
        notApplicable += outcome.notApplicable.length;
        for (const d of outcome.diagnostics) record(d, d.urn ? byUrn.get(d.urn) : undefined);
    } finally {
        stopObserving();
    }

    const mandatory = violations.filter((v) => v.level === "mandatory").length;
    const advisory = violations.filter((v) => v.level === "advisory").length;
    return {
        violations: orderFindings(violations),
        exempted: orderFindings(exempted),
        policies: policies.map((policy) => ({ policy, level: effectiveLevel(policy, config) })),
        summary: {
            input: input.kind,
            resourcesScanned: resources.length,
            entriesInInput: input.total,
            policiesRun: active.length,
            violations: violations.length,
            mandatory,
            advisory,
            exempted: exempted.length,
            notApplicable,
            failOn,
            failed: violations.some((v) => fails(v.level, failOn)),
        },
    };
}
