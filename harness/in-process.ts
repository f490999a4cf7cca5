/**
 * Runs policy objects in this process the way @pulumi/policy's server runs them: the same
 * deserializer (so the wire tap sees the request), the same unknown-checking proxy, the same
 * reportViolation semantics, config defaults left to the policies. Unit tests and
 * `keyguard scan` use it; the gRPC harness proves the real server agrees.
 */
import { EnforcementLevel, Policy, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationPolicy, unknownCheckingProxy, UnknownValueError } from "@pulumi/policy";
import * as deserialize from "@pulumi/policy/deserialize";
import { startRun } from "../policies/lib/define";

/** A resource as the engine sends it: wire-format props (secret wrappers, unknown sentinels). */
export interface WireResource {
    type: string;
    name: string;
    urn?: string;
    props: Record<string, unknown>;
    dependencies?: string[];
    propertyDependencies?: Record<string, string[]>;
    parent?: string;
}

export interface Diagnostic {
    policy: string;
    level: EnforcementLevel;
    message: string;
    /** Set by stack policies: the offending resource. */
    urn?: string;
}

export interface Outcome {
    diagnostics: Diagnostic[];
    notApplicable: { policy: string; reason: string }[];
}

/** Per-policy config, as in `--policy-pack-config`: `{ "kms-key-deletion-window": { "minDays": 14 } }`. */
export type PackConfig = Record<string, EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)>;

/**
 * A violation's finding: the SDK server (and this harness, as it does) puts the policy's
 * description on the first line of a string violation, and the finding follows. The one place
 * that strips it; pass the description when known, else the first line goes.
 */
export function findingText(message: string, description?: string): string {
    if (description !== undefined) {
        const prefix = `${description}\n`;
        return message.startsWith(prefix) ? message.slice(prefix.length) : message;
    }
    const nl = message.indexOf("\n");
    return nl < 0 ? message : message.slice(nl + 1);
}

export function urnOf(type: string, name: string, stack = "dev", project = "keyguard-test"): string {
    return `urn:pulumi:${stack}::${project}::${type}::${name}`;
}

/** A request's properties as the server holds them: one Struct, deserialized for each policy. */
type Struct = { toJavaScript(): Record<string, unknown> };
const structOf = (wire: Record<string, unknown>): Struct => ({ toJavaScript: () => wire });

function deserializeWire(struct: Struct, proxySecrets: boolean): Record<string, unknown> {
    const fn = (deserialize as unknown as { deserializeProperties: (s: unknown, p: boolean) => Record<string, unknown> }).deserializeProperties;
    return fn(struct, proxySecrets);
}

/** A policy's level under the pack config, as the SDK server resolves it. */
export function levelOf(policy: Policy, config: PackConfig): EnforcementLevel {
    const c = config[policy.name];
    const configured = typeof c === "string" ? c : c?.enforcementLevel;
    return configured ?? policy.enforcementLevel ?? "advisory";
}

const seenConfigs = new WeakSet<PackConfig>();

/**
 * A new pack config object starts a new run, as a new preview does in the engine: the policies say
 * their config problems again. `keyguard scan` passes one object for all its calls, so it hears them once.
 */
function beginRun(config: PackConfig): void {
    if (seenConfigs.has(config)) return;
    seenConfigs.add(config);
    startRun();
}

export function settingsOf(policy: Policy, config: PackConfig): Record<string, unknown> {
    const c = config[policy.name];
    if (!c || typeof c === "string") return {};
    const { enforcementLevel: _ignored, ...rest } = c;
    void _ignored;
    return rest;
}

function reporter(policy: Policy, level: EnforcementLevel, out: Diagnostic[]): ReportViolation {
    return ((message: string | { message?: string; urn?: string; enforcementLevel?: EnforcementLevel }, urn?: string) => {
        if (typeof message === "object") {
            out.push({ policy: policy.name, level: message.enforcementLevel ?? level, message: message.message ?? policy.description, urn: message.urn });
        } else {
            out.push({ policy: policy.name, level, message: message ? `${policy.description}\n${message}` : policy.description, urn });
        }
    });
}

class NotApplicable extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}
const notApplicable = (reason?: string): never => {
    throw new NotApplicable(reason ?? "Policy does not apply");
};

function cantRun(policy: Policy, e: UnknownValueError): Diagnostic {
    return { policy: policy.name, level: "advisory", message: `can't run policy '${policy.name}' during preview: ${e.message}` };
}

const noOpts = { protect: false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] };

/** The arguments the SDK server builds for validateResource and remediateResource. */
function resourceArgs(policy: Policy, resource: WireResource, props: Record<string, unknown>, config: PackConfig): ResourceValidationArgs {
    return {
        type: resource.type,
        name: resource.name,
        urn: resource.urn ?? urnOf(resource.type, resource.name),
        props,
        opts: noOpts,
        stackTags: new Map(),
        isType: () => false,
        asType: () => undefined,
        getConfig: <T>() => settingsOf(policy, config) as T,
        notApplicable,
    };
}

/** What the SDK server makes of an exception from a policy: preview noise, not-applicable, or a gRPC error. */
function settle(policy: Policy, outcome: Outcome, e: unknown): void {
    if (e instanceof UnknownValueError) outcome.diagnostics.push(cantRun(policy, e));
    else if (e instanceof NotApplicable) outcome.notApplicable.push({ policy: policy.name, reason: e.reason });
    else throw e;
}

export async function analyzeResource(policies: readonly Policy[], resource: WireResource, config: PackConfig = {}): Promise<Outcome> {
    beginRun(config);
    const outcome: Outcome = { diagnostics: [], notApplicable: [] };
    // One Struct per request, as the server passes the same one to every policy (the wire tap then deserializes it once).
    const struct = structOf(resource.props);
    for (const policy of policies as ResourceValidationPolicy[]) {
        let level = levelOf(policy, config);
        if (level === "disabled" || !policy.validateResource) continue;
        if (level === "remediate") level = "mandatory";
        const validations = Array.isArray(policy.validateResource) ? policy.validateResource : [policy.validateResource];
        for (const validate of validations) {
            const props = unknownCheckingProxy(deserializeWire(struct, false));
            try {
                await validate(resourceArgs(policy, resource, props, config), reporter(policy, level, outcome.diagnostics));
            } catch (e) {
                settle(policy, outcome, e);
            }
        }
    }
    return outcome;
}

/**
 * The stack as the SDK server builds it for a stack policy: deserialized props behind the
 * unknown-checking proxy, parents and dependencies as the resource objects themselves.
 */
function buildStack(resources: readonly WireResource[]): PolicyResource[] {
    const byUrn = new Map<string, PolicyResource>();
    const built = resources.map((r) => {
        const urn = r.urn ?? urnOf(r.type, r.name);
        const props = unknownCheckingProxy(deserializeWire(structOf(r.props), false));
        const pr = { type: r.type, name: r.name, urn, props, opts: noOpts, dependencies: [], propertyDependencies: {}, isType: () => false, asType: () => undefined } as unknown as PolicyResource;
        byUrn.set(urn, pr);
        return { pr, r };
    });
    for (const { pr, r } of built) {
        if (r.parent && byUrn.has(r.parent)) pr.parent = byUrn.get(r.parent);
        pr.dependencies = (r.dependencies ?? []).flatMap((u) => byUrn.get(u) ?? []);
        for (const [k, urns] of Object.entries(r.propertyDependencies ?? {})) {
            pr.propertyDependencies[k] = urns.flatMap((u) => byUrn.get(u) ?? []);
        }
    }
    return built.map((b) => b.pr);
}

/**
 * AnalyzeStack: each stack policy judges the whole stack. The SDK server deserializes the stack
 * once per policy; here it is built once per call and shared, which is the same to policies that
 * only read (keyguard's never write to props; the gRPC parity tests compare the two).
 */
export async function analyzeStack(policies: readonly Policy[], resources: readonly WireResource[], config: PackConfig = {}): Promise<Outcome> {
    beginRun(config);
    const outcome: Outcome = { diagnostics: [], notApplicable: [] };
    let stack: PolicyResource[] | undefined;
    for (const policy of policies as StackValidationPolicy[]) {
        let level = levelOf(policy, config);
        if (level === "disabled" || typeof policy.validateStack !== "function") continue;
        if (level === "remediate") level = "mandatory";
        stack ??= buildStack(resources);
        try {
            await policy.validateStack(
                { resources: stack, stackTags: new Map(), getConfig: <T>() => settingsOf(policy, config) as T, notApplicable },
                reporter(policy, level, outcome.diagnostics),
            );
        } catch (e) {
            settle(policy, outcome, e);
        }
    }
    return outcome;
}

/** Runs the remediations of policies configured (or defaulted) to `remediate`, as the Remediate RPC does. */
export async function remediateResource(policies: readonly Policy[], resource: WireResource, config: PackConfig = {}): Promise<{ policy: string; props: Record<string, unknown> }[]> {
    const results: { policy: string; props: Record<string, unknown> }[] = [];
    let props = unknownCheckingProxy(deserializeWire(structOf(resource.props), true));
    for (const policy of policies as ResourceValidationPolicy[]) {
        if (levelOf(policy, config) !== "remediate" || !policy.remediateResource) continue;
        const result = await policy.remediateResource(resourceArgs(policy, resource, props, config));
        if (result) {
            props = result;
            results.push({ policy: policy.name, props: result });
        }
    }
    return results;
}
