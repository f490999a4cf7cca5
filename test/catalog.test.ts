/**
 * The catalog contract: POLICIES.md (the shared copy when it is there, else the vendored one)
 * names every policy, its default level and its config knobs; the exported list must agree.
 */
import { expect } from "chai";
import * as fs from "fs";
import * as path from "path";
import { repoPackDir } from "../harness/grpc";
import { policies, programPolicies } from "../policies";

const root = repoPackDir(__dirname);
const sharedCatalog = path.resolve(root, "../shared/POLICIES.md");
const vendoredCatalog = path.join(root, "test/catalog/POLICIES.md");

interface Knob {
    names: string[];
    /** The text of "(default …)" after the knob, if the catalog gives one. */
    defaultText?: string;
}

interface Row {
    name: string;
    level: string;
    checks: string;
    knobs: Knob[];
    /** A default the catalog gives without naming the knob: "(config, default 86400)". */
    unnamedDefault?: string;
}

/** A backticked word is a config knob when "config" precedes it or "(default" follows it. */
function knobsOf(checks: string): { knobs: Knob[]; unnamedDefault?: string } {
    const knobs: Knob[] = [];
    for (const m of checks.matchAll(/(config\s+)?`([^`]+)`(\s*\(default:?([^)]*)\))?/g)) {
        const [, configWord, inner, defaultPart, defaultText] = m;
        if (!configWord && !defaultPart) continue;
        const names = inner.replace(/^\[|\]$/g, "").split(/\s*,\s*/);
        if (!names.every((n) => /^[a-z][A-Za-z0-9]*$/.test(n))) continue;
        knobs.push({ names, defaultText: defaultText?.split(";")[0].trim() });
    }
    const unnamed = /\(config, default ([^)]+)\)/.exec(checks);
    return { knobs, unnamedDefault: unnamed?.[1].trim() };
}

function parseCatalog(markdown: string): Row[] {
    const rows: Row[] = [];
    for (const line of markdown.split("\n")) {
        if (!line.startsWith("|") || /^\|\s*(name|-)/.test(line)) continue;
        const cells = line.split("|");
        const checks = cells.slice(3, -1).join("|").trim();
        rows.push({ name: cells[1].trim(), level: cells[2].trim(), checks, ...knobsOf(checks) });
    }
    return rows;
}

const catalogPath = fs.existsSync(sharedCatalog) ? sharedCatalog : vendoredCatalog;
const catalog = parseCatalog(fs.readFileSync(catalogPath, "utf8"));
/** Pack policies run in the engine; program policies (level `check-only`) run only in `keyguard check`. */
const byName = new Map([...policies, ...programPolicies].map((p) => [p.name, p]));
const CHECK_ONLY = "check-only";

type SchemaField = { type?: string; default?: unknown };
const fieldsOf = (name: string): Record<string, SchemaField> => (byName.get(name)?.configSchema?.properties ?? {}) as Record<string, SchemaField>;

/** Checks a schema default against the catalog's words for it. */
function expectDefault(policy: string, knob: string, field: SchemaField, text: string): void {
    const where = `${policy} config ${knob}`;
    expect(field.default, `${where} has no default`).to.not.equal(undefined);
    const backticked = /^`([^`]+)`$/.exec(text);
    if (backticked) {
        if (Array.isArray(field.default)) expect(field.default, where).to.include(backticked[1]);
        else expect(field.default, where).to.equal(backticked[1]);
    } else if (/^\d+$/.test(text)) {
        expect(field.default, where).to.equal(Number(text));
    } else {
        // A list of names ("Encrypt, Decrypt, …"), possibly with a service prefix in the schema.
        const want = text.split(/\s*,\s*/).map((s) => s.toLowerCase());
        const have = ((field.default as unknown[]) ?? []).map((s) => String(s).toLowerCase().replace(/^[a-z0-9-]+:/, ""));
        expect(have, where).to.have.members(want);
    }
}

describe("catalog (POLICIES.md)", () => {
    it("parses the catalog: 24 policies, each with a level", () => {
        expect(catalog.map((r) => r.name)).to.have.length(24);
        for (const r of catalog) expect(["mandatory", "advisory", CHECK_ONLY], r.name).to.include(r.level);
    });

    it("exports nothing that is not in the catalog", () => {
        const names = new Set(catalog.map((r) => r.name));
        expect([...byName.keys()].filter((n) => !names.has(n))).to.deep.equal([]);
    });

    it("exports the policies in catalog order", () => {
        const order = catalog.map((r) => r.name);
        const exported = [...policies, ...programPolicies].map((p) => p.name).filter((n) => order.includes(n));
        expect(exported).to.deep.equal(order.filter((n) => byName.has(n)));
        expect(byName.size).to.equal(policies.length + programPolicies.length);
    });

    for (const row of catalog) {
        const title = `${row.name}: exported, ${row.level}, with full metadata and the catalog's config`;
        // A row whose policy is not built yet is pending (named, never passing), so work lands in steps.
        if (!byName.has(row.name)) {
            it(`${title} (pending: ${row.name} is not exported yet)`);
            continue;
        }
        it(title, () => {
            const policy = byName.get(row.name);
            if (!policy) throw new Error(`${row.name} is not in the exported policies list`);
            if (row.level === CHECK_ONLY) {
                // The engine cannot see a program's source: such a policy is never in the pack.
                expect(programPolicies, `${row.name} is a program policy`).to.include(policy);
                expect(policies, `${row.name} must not be in the pack`).to.not.include(policy);
            } else {
                expect(policy.enforcementLevel).to.equal(row.level);
                expect(policies, `${row.name} is in the pack`).to.include(policy);
            }
            expect(policy.description, "description").to.be.a("string").and.not.equal("");
            expect(["low", "medium", "high", "critical"]).to.include(policy.severity);
            expect(policy.remediationSteps, "remediationSteps").to.be.a("string").and.not.equal("");
            expect(policy.url, "url").to.be.a("string").and.satisfy((u: string) => u.endsWith(`#${row.name}`));
            const fields = fieldsOf(row.name);
            for (const knob of row.knobs) {
                for (const name of knob.names) expect(fields, `${row.name} has no config ${name}`).to.have.property(name);
                if (knob.defaultText === undefined) continue;
                const range = /^(\d+)\.\.(\d+)$/.exec(knob.defaultText);
                if (range && knob.names.length === 2) {
                    expectDefault(row.name, knob.names[0], fields[knob.names[0]], range[1]);
                    expectDefault(row.name, knob.names[1], fields[knob.names[1]], range[2]);
                } else {
                    for (const name of knob.names) expectDefault(row.name, name, fields[name], knob.defaultText);
                }
            }
            if (row.unnamedDefault) {
                const defaults = Object.values(fields).map((f) => f.default);
                expect(defaults, `${row.name} has no config knob defaulting to ${row.unnamedDefault}`).to.include(Number(row.unnamedDefault));
            }
        });
    }

    it("knows the catalog's config knobs (the parser finds them)", () => {
        const knobs = Object.fromEntries(catalog.map((r) => [r.name, r.knobs.flatMap((k) => k.names)]));
        expect(knobs["kms-alias-name"]).to.deep.equal(["pattern"]);
        expect(knobs["kms-key-usage"]).to.deep.equal(["allowedKeyUsages", "allowedKeySpecs"]);
        expect(knobs["kms-key-rotation"]).to.deep.equal(["minRotationDays", "maxRotationDays"]);
        expect(knobs["kms-key-deletion-window"]).to.deep.equal(["minDays"]);
        expect(knobs["kms-key-description"]).to.deep.equal([]);
        expect(knobs["iam-kms-least-privilege"]).to.deep.equal(["allowedKmsActions"]);
        expect(knobs["iam-trusted-service-principals"]).to.deep.equal(["allowedServicePrincipals"]);
        expect(knobs["vault-aws-secret-backend-ttl"]).to.deep.equal(["maxLeaseTtlSeconds"]);
        expect(catalog.find((r) => r.name === "vault-aws-auth-role-bound")?.unnamedDefault).to.equal("86400");
    });

    it("vendors an exact copy of ../shared/POLICIES.md for fresh clones", function () {
        if (!fs.existsSync(sharedCatalog)) this.skip();
        expect(fs.readFileSync(vendoredCatalog, "utf8")).to.equal(fs.readFileSync(sharedCatalog, "utf8"));
    });
});
