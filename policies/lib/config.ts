/**
 * Policy config: schema, defaults and validation, in one place.
 *
 * The engine fills schema defaults in before Configure, but in-process callers (tests,
 * `keyguard scan`) do not, so every policy resolves its own config through `resolveConfig`.
 * A bad value never throws: it is named (policy and field) and the default is used instead.
 */
import { PolicyConfigSchema } from "@pulumi/policy";
import { Exemption, parseExemptions } from "../core/exemption";
import { closest } from "../core/iam/suggest";

/** The knob every policy has (POLICIES.md, conventions), resolved here rather than in each adapter. */
const EXEMPTIONS_KNOB = "exemptions";

/** The exemptions knob in the policy's config schema, so the Pulumi CLI and Cloud validate it too. */
const EXEMPTIONS_SCHEMA = {
    type: "array",
    description: "Findings accepted on purpose: each {resource: logical name or URN (* wildcards), reason (required), expires: YYYY-MM-DD (optional, the last day it works)}.",
    items: {
        type: "object",
        properties: {
            resource: { type: "string", minLength: 1 },
            reason: { type: "string", minLength: 1 },
            expires: { type: "string", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$" },
        },
        required: ["resource", "reason"],
        additionalProperties: false,
    },
} as const;

export type FieldSchema =
    | { type: "string"; description: string; default?: string; enum?: string[]; format?: "regex" }
    | { type: "integer" | "number"; description: string; default?: number; minimum?: number; maximum?: number }
    | { type: "boolean"; description: string; default?: boolean }
    | { type: "array"; description: string; default?: string[]; items: { type: "string"; enum?: string[] } };

export type ConfigSchema<C> = { [K in keyof C]: FieldSchema };

export interface ResolvedConfig<C> {
    config: C;
    /** One line per rejected field: "kms-key-deletion-window: config minDays must be an integer ≥ 7 (got "x")". */
    problems: string[];
    /** The well-formed entries of the `exemptions` knob; a malformed one is a problem instead. */
    exemptions: Exemption[];
}

export function toPulumiSchema<C>(fields: ConfigSchema<C>): PolicyConfigSchema {
    const properties: PolicyConfigSchema["properties"] = {};
    for (const [key, field] of Object.entries(fields) as [string, FieldSchema][]) {
        // `format: "regex"` is ours; JSON schema's "regex" format is not understood by every validator.
        const { format: _format, ...rest } = field as FieldSchema & { format?: string };
        void _format;
        properties[key] = rest;
    }
    properties[EXEMPTIONS_KNOB] = EXEMPTIONS_SCHEMA as unknown as PolicyConfigSchema["properties"][string];
    return { properties };
}

function fieldProblem(field: FieldSchema, value: unknown): string | undefined {
    switch (field.type) {
        case "string":
            if (typeof value !== "string") return "must be a string";
            if (field.enum && !field.enum.includes(value)) return `must be one of ${field.enum.join(", ")}`;
            if (field.format === "regex") {
                try {
                    new RegExp(value);
                } catch (e) {
                    return `must be a valid regular expression (${(e as Error).message})`;
                }
            }
            return undefined;
        case "integer":
        case "number": {
            if (typeof value !== "number" || !Number.isFinite(value)) return `must be ${field.type === "integer" ? "an integer" : "a number"}`;
            if (field.type === "integer" && !Number.isInteger(value)) return "must be an integer";
            if (field.minimum !== undefined && value < field.minimum) return `must be ≥ ${field.minimum}`;
            if (field.maximum !== undefined && value > field.maximum) return `must be ≤ ${field.maximum}`;
            return undefined;
        }
        case "boolean":
            return typeof value === "boolean" ? undefined : "must be true or false";
        case "array":
            if (!Array.isArray(value) || value.some((v) => typeof v !== "string")) return "must be an array of strings";
            if (field.items.enum) {
                const bad = value.find((v) => !field.items.enum!.includes(v as string));
                if (bad !== undefined) return `has ${JSON.stringify(bad)}, which is not one of ${field.items.enum.join(", ")}`;
            }
            return undefined;
    }
}

export function resolveConfig<C>(policyName: string, fields: ConfigSchema<C>, raw: unknown): ResolvedConfig<C> {
    const given = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const config: Record<string, unknown> = {};
    const problems: string[] = [];
    for (const [key, field] of Object.entries(fields) as [string, FieldSchema][]) {
        const value = given[key];
        if (value === undefined || value === null) {
            config[key] = field.default;
            continue;
        }
        const problem = fieldProblem(field, value);
        if (problem) {
            const fallback = field.default === undefined ? "ignoring it" : `using the default ${JSON.stringify(field.default)}`;
            problems.push(`${policyName}: config ${key} ${problem} (got ${JSON.stringify(value)?.slice(0, 80)}); ${fallback}`);
            config[key] = field.default;
        } else {
            config[key] = value;
        }
    }
    // A misspelt knob would otherwise be ignored in silence, and the check run with its default.
    const knobs = Object.keys(fields);
    for (const key of Object.keys(given)) {
        if (Object.hasOwn(fields, key) || key === EXEMPTIONS_KNOB || key === "enforcementLevel") continue;
        const near = closest(key, [...knobs, EXEMPTIONS_KNOB]);
        const known = knobs.length > 0 ? `its knobs are ${[...knobs, EXEMPTIONS_KNOB].join(", ")}` : `its only knob is ${EXEMPTIONS_KNOB}`;
        problems.push(`${policyName}: unknown config knob ${JSON.stringify(key).slice(0, 80)}${near ? ` (did you mean ${near}?)` : ""}; ${known}; ignoring it`);
    }
    const exemptions = parseExemptions(given[EXEMPTIONS_KNOB]);
    for (const p of exemptions.problems) problems.push(`${policyName}: config ${p}; ignoring that exemption`);
    return { config: config as C, problems, exemptions: exemptions.exemptions };
}
