/**
 * Policy config: schema, defaults and validation, in one place.
 *
 * The engine fills schema defaults in before Configure, but in-process callers (tests,
 * `keyguard scan`) do not, so every policy resolves its own config through `resolveConfig`.
 * A bad value never throws: it is named (policy and field) and the default is used instead.
 */
import { PolicyConfigSchema } from "@pulumi/policy";

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
}

export function toPulumiSchema<C>(fields: ConfigSchema<C>): PolicyConfigSchema {
    const properties: PolicyConfigSchema["properties"] = {};
    for (const [key, field] of Object.entries(fields) as [string, FieldSchema][]) {
        // `format: "regex"` is ours; JSON schema's "regex" format is not understood by every validator.
        const { format: _format, ...rest } = field as FieldSchema & { format?: string };
        void _format;
        properties[key] = rest;
    }
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
    return { config: config as C, problems };
}
