/**
 * resolveConfig and toPulumiSchema (policies/lib/config.ts): the one resolution every policy's
 * config goes through. A bad value is named (policy, field, value) and the default used instead;
 * nothing here throws.
 */
import { expect } from "chai";
import { ConfigSchema, resolveConfig, toPulumiSchema } from "../../policies/lib/config";

interface Knobs {
    minDays: number;
    ratio: number;
    strict: boolean;
    pattern: string;
    mode: string;
    specs: string[];
    note: string;
}

const FIELDS: ConfigSchema<Knobs> = {
    minDays: { type: "integer", description: "Days.", default: 30, minimum: 7, maximum: 30 },
    ratio: { type: "number", description: "A ratio.", default: 0.5, maximum: 1 },
    strict: { type: "boolean", description: "Strict.", default: false },
    pattern: { type: "string", description: "A regex.", default: "^a", format: "regex" },
    mode: { type: "string", description: "A mode.", default: "fast", enum: ["fast", "slow"] },
    specs: { type: "array", description: "Specs.", default: ["A"], items: { type: "string", enum: ["A", "B"] } },
    note: { type: "string", description: "No default." },
};
const DEFAULTS: Knobs = { minDays: 30, ratio: 0.5, strict: false, pattern: "^a", mode: "fast", specs: ["A"], note: undefined as unknown as string };
const resolve = (raw: unknown) => resolveConfig("p", FIELDS, raw);

describe("lib/config: resolveConfig", () => {
    it("uses the defaults for absent and null values, and for a raw config that is not an object", () => {
        for (const raw of [undefined, null, {}, { minDays: null }, "mandatory", 42, []]) {
            expect(resolve(raw), JSON.stringify(raw)).to.deep.equal({ config: DEFAULTS, problems: [], exemptions: [] });
        }
    });

    it("keeps every well-formed value", () => {
        const given = { minDays: 7, ratio: 1, strict: true, pattern: "x+y", mode: "slow", specs: ["B", "A"], note: "n" };
        expect(resolve(given)).to.deep.equal({ config: given, problems: [], exemptions: [] });
    });

    it("names each bad value with its field, the rule it breaks and the value, and uses the default instead", () => {
        const { config, problems } = resolve({ minDays: 7.5, ratio: "half", strict: "yes", pattern: "(", mode: "medium", specs: ["A", "C"], note: 3 });
        expect(config).to.deep.equal(DEFAULTS);
        expect(problems).to.deep.equal([
            "p: config minDays must be an integer (got 7.5); using the default 30",
            'p: config ratio must be a number (got "half"); using the default 0.5',
            'p: config strict must be true or false (got "yes"); using the default false',
            'p: config pattern must be a valid regular expression (Invalid regular expression: /(/: Unterminated group) (got "("); using the default "^a"',
            'p: config mode must be one of fast, slow (got "medium"); using the default "fast"',
            'p: config specs has "C", which is not one of A, B (got ["A","C"]); using the default ["A"]',
            "p: config note must be a string (got 3); ignoring it",
        ]);
    });

    it("checks bounds and finiteness", () => {
        expect(resolve({ minDays: 6 }).problems).to.deep.equal(["p: config minDays must be ≥ 7 (got 6); using the default 30"]);
        expect(resolve({ minDays: 31 }).problems).to.deep.equal(["p: config minDays must be ≤ 30 (got 31); using the default 30"]);
        expect(resolve({ ratio: Infinity }).problems).to.deep.equal(["p: config ratio must be a number (got null); using the default 0.5"]);
        expect(resolve({ specs: "A" }).problems).to.deep.equal(['p: config specs must be an array of strings (got "A"); using the default ["A"]']);
        expect(resolve({ specs: [1] }).problems).to.deep.equal(['p: config specs must be an array of strings (got [1]); using the default ["A"]']);
    });

    it("shows at most 80 characters of a bad value", () => {
        const [problem] = resolve({ mode: "m".repeat(5_000_000) }).problems;
        expect(problem).to.equal(`p: config mode must be one of fast, slow (got "${"m".repeat(79)}); using the default "fast"`);
    });

    it("names an unknown knob, suggests the nearest one, and lists the knobs; enforcementLevel and exemptions are not unknown", () => {
        expect(resolve({ minDay: 10, enforcementLevel: "advisory", exemptions: [] }).problems).to.deep.equal([
            'p: unknown config knob "minDay" (did you mean minDays?); its knobs are minDays, ratio, strict, pattern, mode, specs, note, exemptions; ignoring it',
        ]);
        expect(resolveConfig("bare", {}, { rotation: true }).problems).to.deep.equal(['bare: unknown config knob "rotation"; its only knob is exemptions; ignoring it']);
    });

    it("parses the exemptions knob; a malformed entry is a problem that exempts nothing", () => {
        const { exemptions, problems } = resolve({ exemptions: [{ resource: "legacy-*", reason: "INFRA-42", expires: "2027-03-31" }, { resource: "other" }] });
        expect(exemptions).to.deep.equal([{ resource: "legacy-*", reason: "INFRA-42", expires: "2027-03-31" }]);
        expect(problems).to.have.length(1);
        expect(problems[0]).to.match(/^p: config exemptions\[1\] .*; ignoring that exemption$/);
    });
});

describe("lib/config: toPulumiSchema", () => {
    it("hands the engine every field without keyguard's own `format`, plus the exemptions knob", () => {
        const schema = toPulumiSchema(FIELDS);
        expect(Object.keys(schema.properties)).to.deep.equal([...Object.keys(FIELDS), "exemptions"]);
        expect(schema.properties.pattern).to.deep.equal({ type: "string", description: "A regex.", default: "^a" });
        expect(schema.properties.minDays).to.deep.equal(FIELDS.minDays);
        expect(schema.properties.exemptions).to.include({ type: "array" });
        expect(toPulumiSchema({}).properties).to.have.keys(["exemptions"]);
    });
});
