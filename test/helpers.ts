/**
 * Test helpers over the in-process harness: one resource or one stack, judged by one policy,
 * with the violation messages (the part after the policy description) returned for exact asserts.
 */
import { expect } from "chai";
import { Policy } from "@pulumi/policy";
import * as deserialize from "@pulumi/policy/deserialize";
import { analyzeResource, analyzeStack, findingText, Outcome, PackConfig, remediateResource, WireResource } from "../harness/in-process";

export { UNKNOWN, secretWire } from "../policies/core/wire";

type Deserializer = (s: unknown, secretsKept: boolean) => Record<string, unknown>;

/**
 * Props as a policy gets them: the wire form through the SDK's own deserializer (the one the
 * server calls), and so through the wire tap once the catalog has installed it. `secretsKept` is
 * the remediate path's mode, which keeps secrets as `Secret` instances.
 */
export function deserialized(wire: Record<string, unknown>, secretsKept = false): Record<string, unknown> {
    return (deserialize as unknown as { deserializeProperties: Deserializer }).deserializeProperties({ toJavaScript: () => wire }, secretsKept);
}

export interface Verdict extends Outcome {
    /** Violation messages without the policy description line. */
    messages: string[];
}

function verdictOf(outcome: Outcome): Verdict {
    return { ...outcome, messages: outcome.diagnostics.map((d) => findingText(d.message)) };
}

export async function judge(policy: Policy, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}, name = "res"): Promise<Verdict> {
    return verdictOf(await analyzeResource([policy], { type, name, props }, { [policy.name]: config }));
}

export async function judgeStack(policy: Policy, resources: WireResource[], config: Record<string, unknown> = {}): Promise<Verdict> {
    return verdictOf(await analyzeStack([policy], resources, { [policy.name]: config }));
}

export async function remediate(policy: Policy, type: string, props: Record<string, unknown>, config: Record<string, unknown> = {}, name = "res") {
    const pack: PackConfig = { [policy.name]: { enforcementLevel: "remediate", ...config } };
    return remediateResource([policy], { type, name, props }, pack);
}

/** Asserts a clean verdict: no violation and no "can't run during preview" noise. */
export function expectClean(v: Verdict): void {
    expect(v.diagnostics, JSON.stringify(v.diagnostics)).to.deep.equal([]);
}

/** A string of `n` characters, for oversized-input tests. */
export function huge(n = 5 * 1024 * 1024): string {
    return "x".repeat(n);
}
