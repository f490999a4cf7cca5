/**
 * No request makes the pack answer with a gRPC error, and hostile input never surfaces as an
 * internal error or a "can't run during preview" diagnostic: for every type token the catalog
 * judges, property bags full of unknowns, secrets, wrong types, deep nesting and 5 MB strings.
 */
import { expect } from "chai";
import { analyze, analyzeStack, Outcome, remediate, urnOf, WireResource } from "../../harness/grpc";
import { policies } from "../../policies";
import { huge, secretWire, UNKNOWN } from "../helpers";
import { catalogTypes, usePack } from "./pack";

/** Property names the catalog's policies read, across AWS v6/v7 and Vault shapes. */
const NAMES = [
    "policy", "assumeRolePolicy", "inlinePolicies", "policyDocument", "keyUsage", "customerMasterKeySpec", "keySpec",
    "isEnabled", "enableKeyRotation", "rotationPeriodInDays", "deletionWindowInDays", "customKeyStoreId", "multiRegion",
    "description", "name", "namePrefix", "targetKeyId", "keyId", "bucket", "serverSideEncryptionConfiguration", "rules", "rule",
    "kmsKeyId", "recoveryWindowInDays", "secretString", "secretBinary", "dataJson", "data", "accessKey", "secretKey",
    "password", "token", "mount", "path", "type", "options", "defaultLeaseTtlSeconds", "maxLeaseTtlSeconds",
    "credentialType", "authType", "boundIamPrincipalArns", "tokenPolicies", "tokenMaxTtl", "backend", "roleArns", "policyArns",
];
/** Names that hold documents, rules or secret material: where nesting and size get walked or parsed. */
const STRUCTURED_NAMES = ["policy", "assumeRolePolicy", "inlinePolicies", "policyDocument", "dataJson", "data", "secretString", "rules", "serverSideEncryptionConfiguration"];
/**
 * Where each service keeps its documents and free text. 5 MB strings go only there: protobuf
 * decoding in the pack runs at about 60 MB/s, so 5 MB in every name of every type would take minutes.
 */
const LARGE_FIELDS: [prefix: string, names: string[]][] = [
    ["aws:iam/", ["policy", "assumeRolePolicy"]],
    ["aws:kms/", ["policy", "description"]],
    ["aws:s3/", ["bucket", "policy"]],
    ["aws:secretsmanager/", ["secretString", "kmsKeyId"]],
    ["vault:", ["dataJson", "policyDocument"]],
    ["", ["policy", "description"]],
];
const largeFieldsOf = (type: string) => LARGE_FIELDS.find(([prefix]) => type.startsWith(prefix))![1];

// Deeper than any real document; protobuf-js decodes nesting slowly, so 100 levels, not thousands.
const DEPTH = 100;
function deep(levels: number, leaf: unknown, asArray: boolean): unknown {
    let v = leaf;
    for (let i = 0; i < levels; i++) v = asArray ? [v] : { Statement: v };
    return v;
}

const ODD_VALUES: Record<string, unknown> = {
    number: 42,
    negative: -1,
    float: 1e308,
    boolean: true,
    null: null,
    emptyString: "",
    emptyObject: {},
    emptyArray: [],
    mixedArray: [1, "two", null, { three: [] }, UNKNOWN],
    jsonNumber: "42",
    jsonNull: "null",
    jsonArray: "[]",
    jsonString: '"Allow"',
    brokenJson: '{"Version": "2012-10-17", "Statement": [',
    statementNotObjects: '{"Version":"2012-10-17","Statement":[1,"x",null,[]]}',
    statementWrongTypes: { Version: 7, Statement: { Effect: ["Allow"], Action: { kms: true }, Resource: 5, Principal: [null], Condition: "x" } },
    objectWithUnknowns: { Statement: [{ Effect: UNKNOWN, Action: [UNKNOWN], Resource: UNKNOWN, Principal: { Service: UNKNOWN } }] },
};

function bag(value: (name: string) => unknown, names = NAMES): Record<string, unknown> {
    return Object.fromEntries(names.map((n) => [n, value(n)]));
}

/** Hostile bags, each built once, for every catalog type. */
const BAGS: Record<string, Record<string, unknown>> = {
    empty: {},
    allUnknown: bag(() => UNKNOWN),
    allUnknownSecret: bag(() => secretWire(UNKNOWN)),
    allSecretStrings: bag((n) => secretWire(`secret-${n}`)),
    unknownInsideContainers: bag(() => ({ a: [UNKNOWN, { b: UNKNOWN }], [UNKNOWN]: UNKNOWN })),
    secretInsideContainers: bag(() => [secretWire({ Statement: [secretWire("x")] }), { nested: secretWire([secretWire(1)]) }]),
    ...Object.fromEntries(Object.entries(ODD_VALUES).map(([k, v]) => [k, bag(() => v)])),
    ...Object.fromEntries(Object.entries(ODD_VALUES).map(([k, v]) => [`${k}Secret`, bag(() => secretWire(v))])),
    deepArrays: bag(() => deep(DEPTH, "kms:*", true), STRUCTURED_NAMES),
    deepObjects: bag(() => deep(DEPTH, "kms:*", false), STRUCTURED_NAMES),
    deepSecrets: bag(() => secretWire(deep(DEPTH, secretWire(UNKNOWN), false)), STRUCTURED_NAMES),
};

const HUGE = huge();
const HUGE_JSON = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"' + HUGE + '"}]}';
const HUGE_ACTIONS = JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: Array.from({ length: 350_000 }, () => "kms:Decrypt"), Resource: "*" }] });
/** Per field list, the 5 MB bags (memoized: the harness encodes a slow bag once and reuses the bytes). */
const largeBags = new Map<string[], { documents: Record<string, unknown>; secrets: Record<string, unknown> }>();
function largeBagsFor(type: string) {
    const names = largeFieldsOf(type);
    if (!largeBags.has(names)) {
        largeBags.set(names, {
            documents: { [names[0]]: HUGE_ACTIONS, [names[1]]: HUGE_JSON },
            secrets: { [names[0]]: secretWire(HUGE) },
        });
    }
    return largeBags.get(names)!;
}

function expectOnlyVerdicts(outcome: Outcome, what: string): void {
    for (const d of outcome.diagnostics) {
        expect(d.message, `${what}: ${d.policy}`).not.to.match(/can't run .* during preview/);
        expect(d.message, `${what}: ${d.policy}`).not.to.match(/keyguard could not evaluate/);
    }
}

describe("protocol: hostile properties", function () {
    this.timeout(300_000);
    const pack = usePack();
    const types = catalogTypes();

    it("the catalog announces at least one type token", () => {
        expect(types.length).to.be.greaterThan(0);
    });

    for (const [bagName, props] of Object.entries(BAGS)) {
        it(`Analyze and Remediate answer every catalog type with ${bagName} properties`, async () => {
            for (const type of types) {
                const resource: WireResource = { type, name: `hostile-${bagName}`, props };
                expectOnlyVerdicts(await analyze(pack(), resource), `${type} ${bagName}`);
                await remediate(pack(), resource);
            }
        });
    }

    it("Analyze answers every catalog type with 5 MB strings and documents in its document fields", async () => {
        for (const type of types) {
            expectOnlyVerdicts(await analyze(pack(), { type, name: "hostile-huge", props: largeBagsFor(type).documents }), `${type} 5 MB documents`);
        }
    });

    it("Remediate answers every type an auto-fixing policy judges with 5 MB secrets", async () => {
        const fixable = [...new Set(policies.filter((p) => p.keyguard.autoFix).flatMap((p) => p.keyguard.types))];
        for (const type of fixable) await remediate(pack(), { type, name: "hostile-huge", props: largeBagsFor(type).secrets });
    });

    it("AnalyzeStack answers a stack of every catalog type with every hostile bag, linked to each other", async () => {
        const resources: WireResource[] = [];
        for (const type of types) {
            for (const [bagName, props] of Object.entries(BAGS)) {
                const previous = resources[resources.length - 1];
                const dependsOn: Record<string, string[]> = previous ? { bucket: [urnOf(previous.type, previous.name)], [UNKNOWN]: [urnOf(previous.type, previous.name), "urn:pulumi:dev::x::not:a/real:Type::gone"] } : {};
                resources.push({ type, name: `${bagName}-${resources.length}`, props, propertyDependencies: dependsOn });
            }
        }
        expectOnlyVerdicts(await analyzeStack(pack(), resources), "stack");
    });

    it("AnalyzeStack answers a stack whose documents are 5 MB strings", async () => {
        // One resource per service: the stack request carries each 5 MB bag once.
        const perService = [...new Map(types.map((t) => [largeFieldsOf(t), t])).values()];
        const resources = perService.map((type, i): WireResource => ({ type, name: `huge-${i}`, props: largeBagsFor(type).documents }));
        expectOnlyVerdicts(await analyzeStack(pack(), resources), "huge stack");
    });
});
