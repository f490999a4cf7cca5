/**
 * Builders for keyguard's policies. Each adapter declares its metadata, config and a `check`;
 * the builder supplies what every policy must do the same way:
 * - apply config defaults and report bad config once per policy (naming policy and field),
 * - apply the pack config's exemptions to every finding (not reported; expired ones say so),
 * - read values through `read()`, so unknowns never throw,
 * - format messages as `<resource>: <problem> (<value>). Fix: <fix>.`,
 * - never let an exception escape: a throwing policy fails the whole preview, so an internal
 *   error is reported as an advisory diagnostic instead.
 */
import {
    EnforcementLevel,
    PolicyComplianceFramework,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import type { Finding, StackFinding } from "../core/finding";
import { formatFinding } from "../core/message";
import { Exemption, ExemptionMatch, exemptionFor, expiredNote, utcDay } from "../core/exemption";
import { ConfigSchema, FieldSchema, ResolvedConfig, resolveConfig, toPulumiSchema } from "./config";
import { Path, PlainReading, Reading, knownAt, readAt, readPlainAt } from "./read";
import { policyUrl } from "./package-info";
import { derivedFrom, installWireTap, unproxy, wireOf } from "./wire-tap";

// The one place the wire tap is installed: every policy is built here, so wherever a policy is
// loaded from (the pack, scan, check, a test), the engine's secret markers are visible to it.
installWireTap();

export interface PolicyMeta<C> {
    name: string;
    description: string;
    enforcementLevel: Extract<EnforcementLevel, "advisory" | "mandatory">;
    severity: Severity;
    remediationSteps: string;
    framework?: PolicyComplianceFramework;
    config?: ConfigSchema<C>;
}

/** What keyguard adds to each policy object, for docs, scan and tests. */
export interface KeyguardInfo {
    kind: "resource" | "stack";
    /** The resource type tokens the policy judges. */
    types: readonly string[];
    /** Whether `remediateResource` can fix the finding. */
    autoFix: boolean;
    configFields: Record<string, FieldSchema>;
}

export type KeyguardResourcePolicy = ResourceValidationPolicy & { keyguard: KeyguardInfo };
export type KeyguardStackPolicy = StackValidationPolicy & { keyguard: KeyguardInfo };
export type KeyguardPolicy = KeyguardResourcePolicy | KeyguardStackPolicy;

interface Reader {
    read: <T = unknown>(...path: Path) => Reading<T>;
    known: <T = unknown>(...path: Path) => T | undefined;
    /** The whole value at `path` as plain data, secrets unwrapped and flagged (lib/read.ts readPlain). */
    plain: (...path: Path) => PlainReading;
}

export interface ResourceContext<C> extends Reader {
    name: string;
    type: string;
    urn: string;
    /** The property bag as the SDK gave it; pass it to `read()` for nested bags. */
    props: Record<string, unknown>;
    config: C;
    /** Adds a finding; the same as returning it from `check`. */
    report: (finding: Finding) => void;
    /** Stops the check: the resource cannot be judged (yet). */
    notApplicable: (reason: string) => never;
}

export interface RemediationContext<C> extends Reader {
    name: string;
    type: string;
    config: C;
    /** The resource's props with `changes` applied; secrets stay secrets. */
    withChanges: (changes: Record<string, unknown>) => Record<string, unknown>;
}

export interface StackResource extends Reader {
    type: string;
    urn: string;
    name: string;
    props: Record<string, unknown>;
    /** URNs this resource depends on. */
    dependencies: string[];
    /** For each input property, the URNs its value came from. */
    propertyDependencies: Record<string, string[]>;
}

/** The resource a stack finding belongs to: the engine attributes it to `urn`, the message names `name`. */
export interface Subject {
    name: string;
    urn: string;
}

export interface StackContext<C> {
    resources: StackResource[];
    config: C;
    /** Adds a finding against `resource`; the same as returning `{...finding, subject: resource}` from `check`. */
    report: (resource: Subject, finding: Finding) => void;
    notApplicable: (reason: string) => never;
}

/** A finding on its way out, after the check and before the engine: what `finish` is handed. */
export interface Outgoing {
    /** The resource the finding names and is attributed to (for a resource policy, the one judged). */
    subject: Subject;
    finding: Finding;
}

/**
 * Observers of every finding a policy reports, with its code (which the message does not carry).
 * The policy tester uses it to assert codes; nothing in the pack's serving path subscribes.
 */
type FindingObserver = (policy: string, out: Outgoing, message: string) => void;
const observers = new Set<FindingObserver>();

export function observeFindings(observer: FindingObserver): () => void {
    observers.add(observer);
    return () => observers.delete(observer);
}

/** The key of a resource's reader among the values derived from its props. */
const READER = Symbol("reader");

/** A resource policy's reader: built once per request and shared by every policy judging the resource. */
function readerFor(props: Record<string, unknown>): Reader {
    return derivedFrom(props, READER, newReader, props);
}

/**
 * A reader over one bag: the plain object and its wire form are looked up here, not on every read
 * (a stack policy reads 10,000 resources many times over, and each step through the SDK's proxies
 * is a trap call).
 */
function newReader(props: Record<string, unknown>): Reader {
    const plain = unproxy(props);
    const wire = wireOf(plain);
    return {
        read: (...path) => readAt(plain, wire, path),
        known: (...path) => knownAt(plain, wire, path),
        plain: (...path) => readPlainAt(plain, wire, path),
    };
}

/**
 * The SDK gives each stack policy its own copy of the stack (its own resource objects and proxies),
 * though the wire tap deserializes each resource's props once per request. The resource views are
 * built once per request from those shared props and handed to every stack policy, so the policies
 * also share one stack index (lib/stack-index.ts). One entry per request, keyed weakly by its first
 * resource's props: a weak entry per resource cost the collector more than the views saved.
 */
const stackViews = new WeakMap<object, { plains: readonly object[]; views: readonly StackResource[] }>();

function viewOf(r: StackValidationArgs["resources"][number]): StackResource {
    const props = r.props as Record<string, unknown>;
    const propertyDependencies: Record<string, string[]> = {};
    for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
        propertyDependencies[k] = deps.map((d) => d.urn);
    }
    // Views are built once per request already (below), so the reader needs no sharing here.
    const { read, known, plain } = newReader(props);
    return { type: r.type, urn: r.urn, name: r.name, props, dependencies: (r.dependencies ?? []).map((d) => d.urn), propertyDependencies, read, known, plain };
}

function stackViewsOf(resources: StackValidationArgs["resources"]): StackResource[] {
    const plains = resources.map((r) => unproxy(r.props) as object);
    const cached = plains.length > 0 ? stackViews.get(plains[0]) : undefined;
    // The same props under another URN (an in-process caller reusing a bag) is another stack.
    if (cached && cached.plains.length === plains.length && cached.plains.every((p, i) => p === plains[i] && cached.views[i].urn === resources[i].urn)) return [...cached.views];
    const views = resources.map(viewOf);
    if (plains.length > 0) stackViews.set(plains[0], { plains, views });
    return [...views];
}

function baseFields<C>(meta: PolicyMeta<C>) {
    return {
        name: meta.name,
        description: meta.description,
        enforcementLevel: meta.enforcementLevel,
        severity: meta.severity,
        remediationSteps: meta.remediationSteps,
        // An anchor into the generated reference (docs/policies.md), under package.json's homepage.
        url: policyUrl(meta.name),
        ...(meta.framework ? { framework: meta.framework } : {}),
        // Every policy has a schema: at least the exemptions knob every policy takes.
        configSchema: toPulumiSchema(meta.config ?? ({} as ConfigSchema<C>)),
    };
}

/**
 * A run is one pass over a stack with one config: a preview in the engine (the pack process lives
 * for one), a call with a new pack config in-process. Config problems are said once per run.
 */
let run = 0;

/** Starts a new run: config problems are said again. The in-process harness calls it for each new pack config. */
export function startRun(): void {
    run++;
}

/** How a config problem reaches the user: one advisory-or-policy-level violation naming policy and field. */
function configProblemMessage(problem: string): string {
    return `${problem}. Fix: correct it in the policy pack config.`;
}

/** A config's content as a key; most policies have no config, and `{}` needs no serializing. */
function configKey(raw: unknown): string {
    if (typeof raw === "object" && raw !== null) {
        let empty = true;
        for (const _ in raw) {
            empty = false;
            break;
        }
        if (empty) return "{}";
    }
    try {
        return JSON.stringify(raw) ?? "";
    } catch {
        return "";
    }
}

/** A policy's config resolver: the config resolved from what the SDK gave, with its problems said to `report`. */
type ConfigOf<C> = (raw: unknown, report?: (message: string) => void) => ResolvedConfig<C>;

/**
 * Resolves a policy's config once per distinct config (the engine hands a fresh copy to every
 * call, so it is keyed by content) and says its problems once per run, never once per resource.
 */
function configResolver<C>(meta: PolicyMeta<C>): ConfigOf<C> {
    const resolved = new Map<string, ResolvedConfig<C> & { reportedInRun: number }>();
    // A policy without knobs still has a config to check: its exemptions, and knobs it does not have.
    const fields = meta.config ?? ({} as ConfigSchema<C>);
    return (raw, report) => {
        const key = configKey(raw);
        let entry = resolved.get(key);
        if (!entry) {
            // A pack process sees a handful of configs; a hostile caller cycling configs cannot grow this without bound.
            if (resolved.size >= 64) resolved.clear();
            entry = { ...resolveConfig(meta.name, fields, raw), reportedInRun: -1 };
            resolved.set(key, entry);
        }
        if (report && entry.reportedInRun !== run) {
            entry.reportedInRun = run;
            for (const p of entry.problems) report(configProblemMessage(p));
        }
        return entry;
    };
}

/**
 * Observers of the findings the pack config's exemptions cover (and of those whose exemption
 * expired): `keyguard scan` and `check` list them; over gRPC nobody listens, and an exempted
 * finding is simply not reported.
 */
type ExemptionObserver = (policy: string, subject: Subject, message: string, match: ExemptionMatch) => void;
const exemptionObservers = new Set<ExemptionObserver>();

export function observeExemptions(observer: ExemptionObserver): () => void {
    exemptionObservers.add(observer);
    return () => exemptionObservers.delete(observer);
}

/**
 * The one step every finding passes between the check and the engine: formats the message,
 * applies the exemptions (once, here, for every policy: never in an adapter) and reports it on its
 * subject. An exempted finding is not reported; one whose exemption expired is, and says so.
 */
function finish(meta: PolicyMeta<unknown>, outgoing: readonly Outgoing[], reportViolation: ReportViolation, attributeToUrn: boolean, exemptions: readonly Exemption[]): void {
    const today = exemptions.length > 0 ? utcDay(new Date()) : "";
    for (const out of outgoing) {
        let message = formatFinding(out.subject.name, out.finding);
        const match = exemptions.length > 0 ? exemptionFor(exemptions, out.subject, today) : undefined;
        if (match) {
            for (const observe of exemptionObservers) observe(meta.name, out.subject, message, match);
            if (!match.expired) continue;
            message = `${message} ${expiredNote(match.exemption)}`;
        }
        for (const observe of observers) observe(meta.name, out, message);
        if (attributeToUrn) reportViolation(message, out.subject.urn);
        else reportViolation(message);
    }
}

/** Thrown by a check's `notApplicable`; `runCall` hands the reason to the SDK's own. */
class NotApplicable extends Error {
    constructor(readonly reason: string) {
        super(reason);
    }
}

/** Every check's `notApplicable`: one function for every call, rather than a closure per call. */
const notApplicable = (reason: string): never => {
    throw new NotApplicable(reason);
};

const NO_EXEMPTIONS: readonly Exemption[] = Object.freeze([]);

/**
 * One call of a policy: resolves its config, runs `judge`, then `finish`es what it collected, even
 * when it threw. An exception never escapes, since a throwing policy fails the org's whole preview:
 * it becomes an advisory "could not evaluate" diagnostic. Only `notApplicable` reaches the SDK,
 * through the SDK's own.
 */
function runCall<C>(
    meta: PolicyMeta<C>,
    resource: string,
    args: Pick<ResourceValidationArgs, "getConfig" | "notApplicable">,
    reportViolation: ReportViolation,
    attributeToUrn: boolean,
    configOf: ConfigOf<C>,
    judge: (config: C, outgoing: Outgoing[]) => void,
): void {
    const outgoing: Outgoing[] = [];
    let exemptions = NO_EXEMPTIONS;
    let failure: { error: unknown } | undefined;
    try {
        const resolved = configOf(args.getConfig(), reportViolation);
        exemptions = resolved.exemptions;
        judge(resolved.config, outgoing);
    } catch (error) {
        failure = { error };
    }
    finish(meta, outgoing, reportViolation, attributeToUrn, exemptions);
    if (!failure) return;
    const e = failure.error;
    if (e instanceof NotApplicable) args.notApplicable(e.reason);
    const detail = e instanceof Error ? e.message : String(e);
    const message = `${resource}: keyguard could not evaluate ${meta.name} (${detail.slice(0, 200)}). Fix: report this to the keyguard maintainers; the resource was not judged.`;
    (reportViolation as unknown as (m: object) => void)({ message, enforcementLevel: "advisory" });
}

const NO_TYPE = Symbol("no type");

/**
 * Matches type tokens exactly, or by prefix for entries ending in `*` (`"vault:*"` is every Vault
 * resource): a policy about all of a provider's resources cannot list tokens it has not seen.
 */
export function typeMatcher(types: readonly string[]): (type: string) => boolean {
    const exact = new Set(types.filter((t) => !t.endsWith("*")));
    const prefixes = types.filter((t) => t.endsWith("*")).map((t) => t.slice(0, -1));
    // Asked by every resource policy on every request. A few tokens are compared one by one: a
    // token of another length fails at once, where a Set lookup reads a hash table (in the pack,
    // rarely in cache) for each of the catalog's policies.
    if (prefixes.length === 0 && exact.size <= 4) {
        // Unused slots hold a symbol, which no type (not even a missing one) equals.
        const [a, b, c, d] = [...exact, NO_TYPE, NO_TYPE, NO_TYPE];
        return (type) => type === a || type === b || type === c || type === d;
    }
    if (prefixes.length === 0) return (type) => exact.has(type);
    return (type) => exact.has(type) || prefixes.some((p) => type.startsWith(p));
}

function infoOf<C>(spec: PolicyMeta<C> & { types: readonly string[] }, kind: KeyguardInfo["kind"], autoFix: boolean): KeyguardInfo {
    return { kind, types: spec.types, autoFix, configFields: { ...(spec.config ?? {}) } };
}

export function resourcePolicy<C = Record<string, never>>(
    spec: PolicyMeta<C> & {
        types: readonly string[];
        /** Returns (or `report`s) the resource's findings. */
        check: (ctx: ResourceContext<C>) => readonly Finding[] | void;
        remediate?: (ctx: RemediationContext<C>) => Record<string, unknown> | undefined;
    },
): KeyguardResourcePolicy {
    const matches = typeMatcher(spec.types);
    const configOf = configResolver(spec);
    const policy: KeyguardResourcePolicy = {
        ...baseFields(spec),
        keyguard: infoOf(spec, "resource", !!spec.remediate),
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!matches(args.type)) return;
            runCall(spec, args.name, args, reportViolation, false, configOf, (config, outgoing) => {
                const props = args.props as Record<string, unknown>;
                const { read, known, plain } = readerFor(props);
                const subject = { name: args.name, urn: args.urn };
                const returned = spec.check({
                    name: args.name,
                    type: args.type,
                    urn: args.urn,
                    props,
                    config,
                    read,
                    known,
                    plain,
                    report: (finding) => void outgoing.push({ subject, finding }),
                    notApplicable,
                });
                if (returned) for (const finding of returned) outgoing.push({ subject, finding });
            });
        },
    };
    if (spec.remediate) {
        const remediate = spec.remediate;
        policy.remediateResource = (args: ResourceValidationArgs) => {
            if (!matches(args.type)) return undefined;
            try {
                const props = args.props as Record<string, unknown>;
                return remediate({
                    name: args.name,
                    type: args.type,
                    config: configOf(args.getConfig()).config,
                    ...readerFor(props),
                    // The raw bag keeps secrets as `Secret` instances, so they are re-serialized as secrets.
                    withChanges: (changes) => ({ ...unproxy(props), ...changes }),
                });
            } catch {
                // A remediation that cannot run leaves the resource as it was; validation still reports it.
                return undefined;
            }
        };
    }
    return policy;
}

export function stackPolicy<C = Record<string, never>>(
    spec: PolicyMeta<C> & {
        types: readonly string[];
        /** Returns (or `report`s) findings, each on its subject: the stack resource it belongs to. */
        check: (ctx: StackContext<C>) => readonly StackFinding<Subject>[] | void;
    },
): KeyguardStackPolicy {
    const configOf = configResolver(spec);
    return {
        ...baseFields(spec),
        keyguard: infoOf(spec, "stack", false),
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            runCall(spec, "stack", args, reportViolation, true, configOf, (config, outgoing) => {
                const returned = spec.check({
                    resources: stackViewsOf(args.resources),
                    config,
                    report: (resource, finding) => void outgoing.push({ subject: { name: resource.name, urn: resource.urn }, finding }),
                    notApplicable,
                });
                if (returned) for (const { subject, ...finding } of returned) outgoing.push({ subject: { name: subject.name, urn: subject.urn }, finding });
            });
        },
    };
}
