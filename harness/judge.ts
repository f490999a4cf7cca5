/**
 * Judges a `keyguard check` capture with the real pack over the Analyzer gRPC protocol, the way
 * `pulumi preview --policy-pack` does: ConfigureStack, then Analyze for every resource, then
 * AnalyzeStack for the whole stack. The parity test holds check's in-process verdicts to it.
 */
import { analyze, analyzeStack, configureStack, Pack } from "./grpc";
import { Diagnostic, findingText, WireResource } from "./in-process";
import type { Capture } from "../check/capture";
import { nameOfUrn } from "../policies/core/urn";

export interface Violation {
    policy: string;
    /** The resource's logical name. */
    resource: string;
    level: Diagnostic["level"];
    /** The violation message without the policy description line. */
    message: string;
}

export interface Judgement {
    mode: Capture["mode"];
    violations: Violation[];
    /** "can't run policy … during preview" diagnostics: a policy read an unknown value. */
    cantRun: Violation[];
}

const CANT_RUN = /^can't run policy '[^']*' during preview/;

function toViolation(d: Diagnostic, resource: string): Violation {
    return { policy: d.policy, resource, level: d.level, message: CANT_RUN.test(d.message) ? d.message : findingText(d.message) };
}

function compare(a: Violation, b: Violation): number {
    return a.resource.localeCompare(b.resource) || a.policy.localeCompare(b.policy) || a.message.localeCompare(b.message);
}

export async function judgeCapture(pack: Pack, project: { name: string; stack: string }, capture: Capture): Promise<Judgement> {
    await configureStack(pack, { stack: project.stack, project: project.name, dryRun: capture.mode === "preview" });
    const all: Violation[] = [];
    for (const resource of capture.resources) {
        const outcome = await analyze(pack, resource);
        // A resource policy's diagnostic has an empty urn: it belongs to the resource analyzed.
        all.push(...outcome.diagnostics.map((d) => toViolation(d, d.urn ? nameOfUrn(d.urn) : resource.name)));
    }
    const stack = await analyzeStack(pack, capture.resources as WireResource[]);
    all.push(...stack.diagnostics.map((d) => toViolation(d, d.urn ? nameOfUrn(d.urn) : "(stack)")));
    all.sort(compare);
    return {
        mode: capture.mode,
        violations: all.filter((v) => !CANT_RUN.test(v.message)),
        cantRun: all.filter((v) => CANT_RUN.test(v.message)),
    };
}
