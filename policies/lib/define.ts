/**
 * Builders for keyguard's policies. Each adapter declares its metadata, config and a `check`;
 * the builder supplies what every policy must do the same way:
 * - apply config defaults and report bad config (naming policy and field),
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
import { Finding, formatFinding } from "../core/message";
import { ConfigSchema, FieldSchema, resolveConfig, toPulumiSchema } from "./config";
import { Path, Reading, known, read } from "./read";
import { policyUrl } from "./package-info";
import { unproxy } from "./wire-tap";

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
    read<T = unknown>(...path: Path): Reading<T>;
    known<T = unknown>(...path: Path): T | undefined;
}

export interface ResourceContext<C> extends Reader {
    name: string;
    type: string;
    urn: string;
    /** The property bag as the SDK gave it; pass it to `read()` for nested bags. */
    props: Record<string, unknown>;
    config: C;
    report(finding: Finding): void;
    /** Stops the check: the resource cannot be judged (yet). */
    notApplicable(reason: string): never;
}

export interface RemediationContext<C> extends Reader {
    name: string;
    type: string;
    config: C;
    /** The resource's props with `changes` applied; secrets stay secrets. */
    withChanges(changes: Record<string, unknown>): Record<string, unknown>;
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

export interface StackContext<C> {
    resources: StackResource[];
    config: C;
    /** Reports a finding against `resource`; the engine attributes it to that resource's URN. */
    report(resource: { name: string; urn: string }, finding: Finding): void;
    notApplicable(reason: string): never;
}

function readerFor(props: Record<string, unknown>): Reader {
    return {
        read: (...path) => read(props, ...path),
        known: (...path) => known(props, ...path),
    };
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
        ...(meta.config ? { configSchema: toPulumiSchema(meta.config) } : {}),
    };
}

function configOf<C>(meta: PolicyMeta<C>, raw: unknown, report: (message: string) => void): C {
    if (!meta.config) return {} as C;
    const { config, problems } = resolveConfig(meta.name, meta.config, raw);
    for (const p of problems) report(`${p}. Fix: correct it in the policy pack config.`);
    return config;
}

/** Marks errors thrown by `args.notApplicable`, which the SDK must see. */
class PassThrough {
    constructor(readonly error: unknown) {}
}

function guard(meta: PolicyMeta<unknown>, resource: string, reportViolation: ReportViolation, body: () => void): void {
    try {
        body();
    } catch (e) {
        if (e instanceof PassThrough) throw e.error;
        const detail = e instanceof Error ? e.message : String(e);
        // An internal error must not fail the org's preview; it is shown, at advisory level.
        const message = `${resource}: keyguard could not evaluate ${meta.name} (${detail.slice(0, 200)}). Fix: report this to the keyguard maintainers; the resource was not judged.`;
        (reportViolation as unknown as (m: object) => void)({ message, enforcementLevel: "advisory" });
    }
}

/**
 * Matches type tokens exactly, or by prefix for entries ending in `*` (`"vault:*"` is every Vault
 * resource): a policy about all of a provider's resources cannot list tokens it has not seen.
 */
export function typeMatcher(types: readonly string[]): (type: string) => boolean {
    const exact = new Set(types.filter((t) => !t.endsWith("*")));
    const prefixes = types.filter((t) => t.endsWith("*")).map((t) => t.slice(0, -1));
    return (type) => exact.has(type) || prefixes.some((p) => type.startsWith(p));
}

export function resourcePolicy<C = Record<string, never>>(
    spec: PolicyMeta<C> & {
        types: readonly string[];
        check(ctx: ResourceContext<C>): void;
        remediate?(ctx: RemediationContext<C>): Record<string, unknown> | undefined;
    },
): KeyguardResourcePolicy {
    const matches = typeMatcher(spec.types);
    const policy: KeyguardResourcePolicy = {
        ...baseFields(spec),
        keyguard: { kind: "resource", types: spec.types, autoFix: !!spec.remediate, configFields: { ...(spec.config ?? {}) } as Record<string, FieldSchema> },
        validateResource: (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
            if (!matches(args.type)) return;
            guard(spec as PolicyMeta<unknown>, args.name, reportViolation, () => {
                const config = configOf(spec, args.getConfig(), (m) => reportViolation(m));
                const props = args.props as Record<string, unknown>;
                spec.check({
                    name: args.name,
                    type: args.type,
                    urn: args.urn,
                    props,
                    config,
                    ...readerFor(props),
                    report: (f) => reportViolation(formatFinding(args.name, f)),
                    notApplicable: (reason) => {
                        try {
                            return args.notApplicable(reason);
                        } catch (e) {
                            throw new PassThrough(e);
                        }
                    },
                });
            });
        },
    };
    if (spec.remediate) {
        const remediate = spec.remediate;
        policy.remediateResource = (args: ResourceValidationArgs) => {
            if (!matches(args.type)) return undefined;
            try {
                const props = args.props as Record<string, unknown>;
                const config = configOf(spec, args.getConfig(), () => undefined);
                return remediate({
                    name: args.name,
                    type: args.type,
                    config,
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
        check(ctx: StackContext<C>): void;
    },
): KeyguardStackPolicy {
    return {
        ...baseFields(spec),
        keyguard: { kind: "stack", types: spec.types, autoFix: false, configFields: { ...(spec.config ?? {}) } as Record<string, FieldSchema> },
        validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
            guard(spec as PolicyMeta<unknown>, "stack", reportViolation, () => {
                const config = configOf(spec, args.getConfig(), (m) => reportViolation(m));
                const resources: StackResource[] = args.resources.map((r) => {
                    const props = r.props as Record<string, unknown>;
                    const propertyDependencies: Record<string, string[]> = {};
                    for (const [k, deps] of Object.entries(r.propertyDependencies ?? {})) {
                        propertyDependencies[k] = deps.map((d) => d.urn);
                    }
                    return {
                        type: r.type,
                        urn: r.urn,
                        name: r.name,
                        props,
                        dependencies: (r.dependencies ?? []).map((d) => d.urn),
                        propertyDependencies,
                        ...readerFor(props),
                    };
                });
                spec.check({
                    resources,
                    config,
                    report: (resource, f) => reportViolation(formatFinding(resource.name, f), resource.urn),
                    notApplicable: (reason) => {
                        try {
                            return args.notApplicable(reason);
                        } catch (e) {
                            throw new PassThrough(e);
                        }
                    },
                });
            });
        },
    };
}
