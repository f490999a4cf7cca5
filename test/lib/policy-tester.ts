/**
 * One tester for every policy, in the spirit of typescript-eslint's RuleTester: a policy's test
 * file is a table of cases, and this module runs each case through the in-process harness exactly
 * as the SDK server runs policies (deserializer, unknown-checking proxy, reportViolation, config).
 *
 *   testPolicy(kmsKeyRotation, {
 *       type: KMS_KEY,
 *       valid: [{ props: { enableKeyRotation: true } }],
 *       invalid: [{ props: {}, messages: ["res: automatic key rotation is off (not set). Fix: set enableKeyRotation: true."], codes: ["rotation-off"] }],
 *       preview: [{ props: { enableKeyRotation: UNKNOWN } }],
 *       remediate: [{ props: {}, output: { enableKeyRotation: true } }],
 *       config: [{ config: { minRotationDays: 30 }, errors: ["kms-key-rotation: config minRotationDays must be ≥ 90 (got 30); using the default 90. Fix: correct it in the policy pack config."] }],
 *   });
 *
 * A case that asserts nothing is a failing case: an invalid case without messages, a preview case
 * without an unknown, a config case without errors, a remediate case without an output. A table
 * without both a passing and a failing case fails too, as does one that leaves out the remediate
 * cases of a policy that remediates or the config cases of a policy with config.
 */
import { expect } from "chai";
import type { EnforcementLevel, Policy } from "@pulumi/policy";
import { analyzeResource, analyzeStack, Diagnostic, findingText, Outcome, PackConfig, remediateResource, urnOf, WireResource } from "../../harness/in-process";
import { containsUnknown } from "../../policies/core/wire";
import { KeyguardPolicy, KeyguardResourcePolicy, KeyguardStackPolicy, observeFindings } from "../../policies/lib/define";

export { UNKNOWN, secretWire } from "../../policies/core/wire";

/** Settings for the policy under test (its `--policy-pack-config` entry, without the level). */
type Settings = Record<string, unknown>;

interface CaseBase {
    /** The test's title; by default the case's props. */
    title?: string;
    config?: Settings;
}

/** A resource, as a resource policy's case gives it. */
export interface ResourceInput extends CaseBase {
    /** The resource type token; by default the table's `type`. */
    type?: string;
    /** The resource's name; by default "res". It starts every message. */
    name?: string;
    /** Wire-format props: secrets as `secretWire(…)`, unknowns as `UNKNOWN`. */
    props: Record<string, unknown>;
}

/** A stack, as a stack policy's case gives it (build resources with `stackResource`). */
export interface StackInput extends CaseBase {
    resources: WireResource[];
}

interface Passing {
    /** The case passes because the policy does not apply: the reason the policy gives. */
    notApplicable?: string;
}

interface Failing {
    /** Every violation message, exactly and in order, without the policy's description line. */
    messages: string[];
    /** The findings' codes, in the same order: the stable ids tests pin while wording may change. */
    codes?: string[];
    /** The level every violation is reported at; by default the policy's own. */
    level?: EnforcementLevel;
}

interface ConfigProblem {
    /** The config problems, exactly, each said once for the whole run. */
    errors: string[];
    config: Settings;
}

interface Remediation {
    /** The remediated props exactly (secrets as `new Secret(…)`), or null when the resource is left as it is. */
    output: Record<string, unknown> | null;
}

interface Table<I> {
    valid: (I & Passing)[];
    invalid: (I & Failing)[];
    /** Unknown values (preview): no violation, no "can't run" noise, no throw. Each case must hold an unknown. */
    preview?: (I & Passing)[];
    config?: (Omit<I, "config" | "props" | "resources"> & Partial<I> & ConfigProblem)[];
}

export interface ResourceTable extends Table<ResourceInput> {
    /** The type token of every case that does not name its own. */
    type: string;
    remediate?: (ResourceInput & Remediation)[];
}

export type StackTable = Table<StackInput>;

export type CaseKind = "valid" | "invalid" | "preview" | "remediate" | "config";

/** A stack resource with its URN and dependencies, for stack cases. */
export function stackResource(type: string, name: string, props: Record<string, unknown>, propertyDependencies: Record<string, string[]> = {}): WireResource {
    return { type, name, urn: urnOf(type, name), props, propertyDependencies, dependencies: [...new Set(Object.values(propertyDependencies).flat())] };
}

const isStack = (policy: KeyguardPolicy): policy is KeyguardStackPolicy => policy.keyguard.kind === "stack";

const findingOf = (policy: Policy, d: Diagnostic): string => findingText(d.message, policy.description);

const isConfigProblem = (policy: Policy, message: string) => message.startsWith(`${policy.name}: config `);

interface Run {
    outcome: Outcome;
    messages: string[];
    codes: (string | undefined)[];
}

/** Judges a case through the in-process harness, collecting the codes of the findings the policy reports. */
async function judge(policy: KeyguardPolicy, input: ResourceInput | StackInput, defaultType: string | undefined, pack: PackConfig): Promise<Run> {
    const codes: (string | undefined)[] = [];
    const stop = observeFindings((name, out) => {
        if (name === policy.name) codes.push(out.finding.code);
    });
    try {
        let outcome: Outcome;
        if ("resources" in input) {
            outcome = await analyzeStack([policy], input.resources, pack);
        } else {
            const type = input.type ?? defaultType;
            if (!type) throw new Error("the case has no type and the table no default type");
            outcome = await analyzeResource([policy], { type, name: input.name ?? "res", props: input.props }, pack);
        }
        return { outcome, messages: outcome.diagnostics.map((d) => findingOf(policy, d)), codes };
    } finally {
        stop();
    }
}

const packFor = (policy: Policy, settings: Settings | undefined): PackConfig => ({ [policy.name]: { ...(settings ?? {}) } });

function expectPassing(policy: Policy, run: Run, c: Passing): void {
    expect(run.outcome.diagnostics.map((d) => findingOf(policy, d)), "violations").to.deep.equal([]);
    expect(
        run.outcome.notApplicable.map((n) => n.reason),
        c.notApplicable ? "the policy should not apply" : "the policy did not apply; say so with notApplicable",
    ).to.deep.equal(c.notApplicable ? [c.notApplicable] : []);
}

/** Resource-bound findings of a stack policy must land on the URN of the resource they name. */
function expectAttributed(run: Run, input: StackInput): void {
    for (const d of run.outcome.diagnostics) {
        const subject = input.resources.find((r) => (r.urn ?? urnOf(r.type, r.name)) === d.urn);
        expect(subject, `a stack finding must be attributed to a resource of the stack: ${d.message}`).to.not.equal(undefined);
        expect(d.message, "the finding names the resource it is attributed to").to.include(`\n${subject!.name}: `);
    }
}

/** Runs one case; throws (an assertion error) when it fails, or when it asserts nothing. */
export async function runCase(policy: KeyguardPolicy, table: ResourceTable | StackTable, kind: CaseKind, c: unknown): Promise<void> {
    const defaultType = "type" in table ? table.type : undefined;
    const input = c as ResourceInput | StackInput;
    if (isStack(policy) !== "resources" in input) throw new Error(`a ${policy.keyguard.kind} policy's case gives ${isStack(policy) ? "resources" : "props"}`);
    switch (kind) {
        case "valid":
            return expectPassing(policy, await judge(policy, input, defaultType, packFor(policy, input.config)), c as Passing);
        case "preview": {
            const props = "resources" in input ? input.resources.map((r) => r.props) : input.props;
            if (!containsUnknown(props)) throw new Error("a preview case must hold an unknown value (UNKNOWN); this one asserts nothing about preview");
            return expectPassing(policy, await judge(policy, input, defaultType, packFor(policy, input.config)), c as Passing);
        }
        case "invalid": {
            const f = c as Failing;
            if (!Array.isArray(f.messages) || f.messages.length === 0) throw new Error("an invalid case must list the exact messages it expects; this one asserts nothing");
            const run = await judge(policy, input, defaultType, packFor(policy, input.config));
            expect(run.messages, "messages").to.deep.equal(f.messages);
            const level = f.level ?? policy.enforcementLevel;
            expect(run.outcome.diagnostics.map((d) => d.level), "levels").to.deep.equal(f.messages.map(() => level));
            if (f.codes) expect(run.codes, "codes").to.deep.equal(f.codes);
            if ("resources" in input) expectAttributed(run, input);
            return;
        }
        case "config": {
            const p = c as ConfigProblem & Partial<ResourceInput & StackInput>;
            if (!Array.isArray(p.errors) || p.errors.length === 0) throw new Error("a config case must list the exact config errors it expects; this one asserts nothing");
            const base = (table.valid[0] ?? {}) as Partial<ResourceInput & StackInput>;
            const subject = isStack(policy) ? { resources: p.resources ?? base.resources ?? [] } : { type: p.type ?? base.type, name: p.name ?? base.name, props: p.props ?? base.props ?? {} };
            // One pack config for two calls, as in one preview: the problem is said once, not once per resource.
            const pack = packFor(policy, p.config);
            const first = await judge(policy, subject, defaultType, pack);
            const second = await judge(policy, subject, defaultType, pack);
            expect(first.messages.filter((m) => isConfigProblem(policy, m)), "config errors").to.deep.equal(p.errors);
            expect(second.messages.filter((m) => isConfigProblem(policy, m)), "config errors are said once per run").to.deep.equal([]);
            return;
        }
        case "remediate": {
            if (isStack(policy)) throw new Error("stack policies do not remediate");
            const r = c as ResourceInput & Remediation;
            if (r.output === undefined) throw new Error("a remediate case must give the exact output props, or null for no change; this one asserts nothing");
            const type = r.type ?? defaultType!;
            const pack: PackConfig = { [policy.name]: { ...(r.config ?? {}), enforcementLevel: "remediate" } };
            const results = await remediateResource([policy], { type, name: r.name ?? "res", props: r.props }, pack);
            expect(results.map((x) => x.props), "remediated props").to.deep.equal(r.output === null ? [] : [r.output]);
            return;
        }
    }
}

/** The table's own mistakes: a policy must be shown failing and passing, and its remediation and config tested. */
export function checkTable(policy: KeyguardPolicy, table: ResourceTable | StackTable): void {
    const problems: string[] = [];
    if (!table.valid?.length) problems.push("no valid case (a passing twin)");
    if (!table.invalid?.length) problems.push("no invalid case (a failing case with exact messages)");
    if (!table.preview?.length) problems.push("no preview case (unknown values)");
    const remediate = "remediate" in table ? table.remediate : undefined;
    if (policy.keyguard.autoFix && !remediate?.length) problems.push("the policy remediates but the table has no remediate case");
    if (!policy.keyguard.autoFix && remediate?.length) problems.push("the table has remediate cases but the policy does not remediate");
    if (Object.keys(policy.keyguard.configFields).length > 0 && !table.config?.length) problems.push("the policy has config but the table has no config case (a bad value and its exact error)");
    if (problems.length) throw new Error(`${policy.name}'s table: ${problems.join("; ")}`);
}

function titleOf(c: CaseBase & Partial<ResourceInput & StackInput>): string {
    if (c.title) return c.title;
    const shown = JSON.stringify(c.props ?? c.resources?.map((r) => ({ [r.name]: r.props })) ?? "the first valid case");
    const config = c.config ? ` with config ${JSON.stringify(c.config)}` : "";
    return (shown.length > 120 ? `${shown.slice(0, 119)}…` : shown) + config;
}

/** Declares the policy's mocha suite: one `it` per case, and one for the table itself. */
export function testPolicy(policy: KeyguardResourcePolicy, table: ResourceTable): void;
export function testPolicy(policy: KeyguardStackPolicy, table: StackTable): void;
export function testPolicy(policy: KeyguardPolicy, table: ResourceTable | StackTable): void {
    describe(`${policy.name} (table)`, () => {
        it("has a passing and a failing case, and tests preview, remediation and config where the policy has them", () => checkTable(policy, table));
        const kinds: CaseKind[] = ["valid", "invalid", "preview", "remediate", "config"];
        for (const kind of kinds) {
            const cases = (table as unknown as Record<string, CaseBase[] | undefined>)[kind] ?? [];
            cases.forEach((c, i) => it(`${kind} #${i + 1}: ${titleOf(c)}`, () => runCase(policy, table, kind, c)));
        }
    });
}
