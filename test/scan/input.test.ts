import { expect } from "chai";
import { SECRET_SIG, SIG_KEY, UNKNOWN } from "../../policies/core/wire";
import { parsePackConfig } from "../../scan/config";
import { nameOfUrn as nameFromUrn } from "../../policies/core/urn";
import { InputError, parseInput, parseSourcePosition, selectResources } from "../../scan/input";

const secret = (value: unknown) => ({ [SIG_KEY]: SECRET_SIG, value });
const exportOf = (...resources: object[]) => JSON.stringify({ version: 3, deployment: { manifest: {}, resources } });

describe("scan: input decoding", () => {
    it("turns a stack export's ciphertext secret into a placeholder secret, at any depth", () => {
        const input = parseInput(
            exportOf({ urn: "urn:pulumi:s::p::vault:kv/secretV2:SecretV2::a", type: "vault:kv/secretV2:SecretV2", inputs: { dataJson: { [SIG_KEY]: SECRET_SIG, ciphertext: "AAAA" }, nested: [{ k: { [SIG_KEY]: SECRET_SIG, ciphertext: "BBBB" } }] } }),
        );
        expect(input.resources[0].props).to.deep.equal({ dataJson: secret("[secret]"), nested: [{ k: secret("[secret]") }] });
    });

    it("keeps a --show-secrets export's plaintext, still marked secret", () => {
        const input = parseInput(exportOf({ urn: "urn:pulumi:s::p::t:m:T::a", type: "t:m:T", inputs: { a: { [SIG_KEY]: SECRET_SIG, plaintext: '{"token":"x"}' }, b: { [SIG_KEY]: SECRET_SIG, plaintext: "not json" } } }));
        expect(input.resources[0].props).to.deep.equal({ a: secret({ token: "x" }), b: secret("not json") });
    });

    it('turns a preview\'s "[secret]" strings back into secrets and keeps unknown sentinels', () => {
        const input = parseInput(
            JSON.stringify({ steps: [{ op: "create", urn: "urn:pulumi:s::p::t:m:T::a", newState: { urn: "urn:pulumi:s::p::t:m:T::a", type: "t:m:T", inputs: { a: "[secret]", b: [UNKNOWN], c: { d: "[secret]" } } } }] }),
        );
        expect(input.kind).to.equal("preview");
        expect(input.resources[0].props).to.deep.equal({ a: secret("[secret]"), b: [UNKNOWN], c: { d: secret("[secret]") } });
    });

    it("keeps URNs, names, dependencies and property dependencies; drops resources marked for deletion", () => {
        const input = parseInput(
            exportOf(
                { urn: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s", type: "pulumi:pulumi:Stack" },
                { urn: "urn:pulumi:s::p::pulumi:providers:aws::default", type: "pulumi:providers:aws", inputs: { region: "x" } },
                { urn: "urn:pulumi:s::p::t:m:T::a::b", type: "t:m:T", inputs: {}, dependencies: ["u1", 7], propertyDependencies: { bucket: ["u1"], bad: "u2" }, parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s" },
                { urn: "urn:pulumi:s::p::t:m:T::old", type: "t:m:T", inputs: {}, delete: true },
            ),
        );
        expect(input.total).to.equal(4);
        expect(input.stackUrn).to.equal("urn:pulumi:s::p::pulumi:pulumi:Stack::p-s");
        const judged = selectResources(input.resources, (t) => t === "pulumi:providers:aws");
        expect(judged.map((r) => r.name)).to.deep.equal(["default", "a::b"]);
        expect(judged[1]).to.include({ type: "t:m:T", urn: "urn:pulumi:s::p::t:m:T::a::b", parent: "urn:pulumi:s::p::pulumi:pulumi:Stack::p-s" });
        expect(judged[1].dependencies).to.deep.equal(["u1"]);
        expect(judged[1].propertyDependencies).to.deep.equal({ bucket: ["u1"], bad: [] });
        expect(selectResources(input.resources, () => false).map((r) => r.name)).to.deep.equal(["a::b"]);
    });

    it("reads Pulumi source positions", () => {
        expect(parseSourcePosition("project:///index.ts#12,5")).to.deep.equal({ uri: "index.ts", line: 12, column: 5 });
        expect(parseSourcePosition("project:///src/app.py#7")).to.deep.equal({ uri: "src/app.py", line: 7 });
        expect(parseSourcePosition("file:///abs/main.go")).to.deep.equal({ uri: "file:///abs/main.go" });
        expect(parseSourcePosition("project:///x.ts#a,b")).to.deep.equal({ uri: "x.ts" });
        expect(parseSourcePosition("")).to.equal(undefined);
        expect(parseSourcePosition(42)).to.equal(undefined);
    });

    it("names a resource from its URN, whose name may contain ::", () => {
        expect(nameFromUrn("urn:pulumi:dev::proj::aws:kms/key:Key::aiKey")).to.equal("aiKey");
        expect(nameFromUrn("urn:pulumi:dev::proj::a:b:C$aws:kms/key:Key::x::y")).to.equal("x::y");
        expect(nameFromUrn("not-a-urn")).to.equal("not-a-urn");
    });

    it("reads an empty deployment or preview as empty (the nothing-to-judge gate decides), and counts a preview's steps", () => {
        expect(parseInput('{"steps":[]}')).to.deep.include({ kind: "preview", resources: [], total: 0, steps: { sames: 0, changes: 0, createsStack: false } });
        expect(parseInput('{"version":3,"deployment":{}}')).to.deep.include({ kind: "stack-export", resources: [], total: 0 });
        const steps = (ops: [string, string][]) => JSON.stringify({ steps: ops.map(([op, urn]) => ({ op, urn, newState: { urn, type: urn.split("::")[2], inputs: {} } })) });
        const stack = "urn:pulumi:dev::p::pulumi:pulumi:Stack::p-dev";
        const key = "urn:pulumi:dev::p::aws:kms/key:Key::k";
        expect(parseInput(steps([["same", stack], ["update", key]])).steps).to.deep.equal({ sames: 1, changes: 1, createsStack: false });
        expect(parseInput(steps([["create", stack], ["create", key]])).steps).to.deep.equal({ sames: 0, changes: 2, createsStack: true });
        expect(parseInput(steps([["update", key]])).steps).to.deep.equal({ sames: 0, changes: 1, createsStack: false });
    });

    it("throws InputError, never anything else, on malformed documents", () => {
        for (const text of ["", "nope", "null", "[]", "{}", '{"version":"3","deployment":{}}', '{"version":3,"deployment":[]}', '{"version":3,"deployment":{"resources":[null]}}', '{"version":3,"deployment":{"resources":[{"urn":"u","type":"t","inputs":[]}]}}', '{"steps":[7]}', '{"version":2,"deployment":{}}']) {
            expect(() => parseInput(text), text).to.throw(InputError);
        }
    });
});

describe("scan: --config", () => {
    const names = ["kms-key-rotation", "kms-key-description"];
    it("accepts levels and knobs, and spreads \"all\" to every policy without overriding their own level", () => {
        expect(parsePackConfig('{"all":"advisory","kms-key-rotation":{"minRotationDays":120}}', names)).to.deep.equal({
            "kms-key-rotation": { minRotationDays: 120, enforcementLevel: "advisory" },
            "kms-key-description": "advisory",
        });
        expect(parsePackConfig('{"all":"disabled","kms-key-rotation":"mandatory"}', names)).to.deep.equal({ "kms-key-rotation": "mandatory", "kms-key-description": "disabled" });
    });

    it("rejects unknown policies, unknown levels and other shapes", () => {
        expect(() => parsePackConfig('{"kms-key-rotaton":"advisory"}', names)).to.throw(InputError, /unknown policy "kms-key-rotaton" \(did you mean kms-key-rotation\?\)/);
        expect(() => parsePackConfig('{"all":"warn"}', names)).to.throw(InputError, /"all" must be one of advisory, mandatory, remediate, disabled/);
        expect(() => parsePackConfig('{"kms-key-rotation":{"enforcementLevel":"high"}}', names)).to.throw(InputError, /kms-key-rotation.enforcementLevel must be one of/);
        expect(() => parsePackConfig("[]", names)).to.throw(InputError, /must be a JSON object/);
        expect(() => parsePackConfig('{"kms-key-rotation":3}', names)).to.throw(InputError, /must be an enforcement level or an object/);
    });
});
