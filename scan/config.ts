/**
 * The `--config` file: the same JSON as `pulumi preview --policy-pack-config`,
 * `{ "<policy>": "<level>" | { "enforcementLevel": "<level>", <knob>: … }, "all": "<level>" }`.
 * Knob values are left to each policy's own config resolution (defaults, named problems), as
 * the pack does; this file only checks the shape, so a typo cannot silently switch a policy off.
 */
import * as fs from "fs";
import type { EnforcementLevel } from "@pulumi/policy";
import type { PackConfig } from "../harness/in-process";
import { closest } from "../policies/core/iam/suggest";
import { InputError } from "./input";

const LEVELS: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];

function isLevel(v: unknown): v is EnforcementLevel {
    return typeof v === "string" && (LEVELS as readonly string[]).includes(v);
}

export function parsePackConfig(text: string, policyNames: readonly string[], where = "config"): PackConfig {
    let doc: unknown;
    try {
        doc = JSON.parse(text);
    } catch (e) {
        throw new InputError(`${where} is not JSON (${(e as Error).message})`);
    }
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) throw new InputError(`${where} must be a JSON object keyed by policy name`);
    const known = new Set(policyNames);
    const config: PackConfig = {};
    let all: EnforcementLevel | undefined;
    for (const [name, value] of Object.entries(doc)) {
        if (name === "all") {
            // The CLI's "all" sets every policy's level; a policy's own entry still wins.
            if (!isLevel(value)) throw new InputError(`${where}: "all" must be one of ${LEVELS.join(", ")}`);
            all = value;
            continue;
        }
        if (!known.has(name)) {
            const near = closest(name, policyNames);
            throw new InputError(`${where}: unknown policy "${name.slice(0, 100)}"${near ? ` (did you mean ${near}?)` : ""}; \`keyguard list\` lists them`);
        }
        if (isLevel(value)) {
            config[name] = value;
        } else if (typeof value === "object" && value !== null && !Array.isArray(value)) {
            const level = (value as Record<string, unknown>).enforcementLevel;
            if (level !== undefined && !isLevel(level)) throw new InputError(`${where}: ${name}.enforcementLevel must be one of ${LEVELS.join(", ")}`);
            config[name] = value as PackConfig[string];
        } else {
            throw new InputError(`${where}: ${name} must be an enforcement level or an object`);
        }
    }
    if (all) {
        for (const name of policyNames) {
            const own = config[name];
            if (own === undefined) config[name] = all;
            else if (typeof own === "object" && own.enforcementLevel === undefined) config[name] = { ...own, enforcementLevel: all };
        }
    }
    return config;
}

export function loadPackConfig(file: string, policyNames: readonly string[]): PackConfig {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch (e) {
        throw new InputError(`cannot read config ${file}: ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`);
    }
    return parsePackConfig(text, policyNames, `config ${file}`);
}
