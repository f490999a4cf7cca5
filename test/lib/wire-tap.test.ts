import { expect } from "chai";
import * as fs from "fs";
import { policies } from "../../policies";
import { read } from "../../policies/lib/read";
import { derivedFrom, installWireTap, isWireTapInstalled, wireOf } from "../../policies/lib/wire-tap";
import { unknownCheckingProxy } from "@pulumi/policy";
import { deserialized, secretWire, UNKNOWN } from "../helpers";


describe("wire tap (secret visibility on @pulumi/policy 1.21)", () => {
    it("is installed when the catalog loads", () => {
        expect(policies.length).to.be.greaterThan(0);
        expect(isWireTapInstalled()).to.equal(true);
        expect(installWireTap()).to.equal(true); // idempotent
    });

    it("relies on a seam the pinned SDK still has: server.js calls the deserializer through its module", () => {
        const server = fs.readFileSync(require.resolve("@pulumi/policy/server.js"), "utf8");
        // Analyze, AnalyzeStack, Remediate and the provider all go through this call; if the
        // SDK changes it, the tap silently stops seeing requests, so this test must fail first.
        expect(server.match(/deserialize_1\.deserializeProperties\(/g)?.length).to.equal(4);
        const pkg = JSON.parse(fs.readFileSync(require.resolve("@pulumi/policy/package.json"), "utf8")) as { version: string };
        expect(pkg.version.replace(/^v/, "")).to.equal("1.21.0");
    });

    it("leaves the values every policy sees unchanged", () => {
        const props = deserialized({ a: secretWire("s"), b: "plain", c: [secretWire(1)] });
        expect(props).to.deep.equal({ a: "s", b: "plain", c: [1] });
    });

    it("tells secret from plaintext, at any depth", () => {
        const props = deserialized({ dataJson: secretWire('{"p":"x"}'), plain: '{"p":"x"}', nested: { list: [secretWire("k")] }, later: secretWire(UNKNOWN) });
        expect(wireOf(props)).to.not.equal(undefined);
        expect(read(props, "dataJson")).to.deep.equal({ state: "known", value: '{"p":"x"}', secret: true });
        expect(read(props, "plain")).to.deep.equal({ state: "known", value: '{"p":"x"}', secret: false });
        expect(read(props, "nested", "list", 0)).to.deep.equal({ state: "known", value: "k", secret: true });
        expect(read(props, "later")).to.deep.equal({ state: "unknown", secret: true });
        expect(read(props, "missing", "deeper")).to.deep.equal({ state: "absent", secret: false });
    });

    it("sees secrets on the remediate path too (Secret instances)", () => {
        const props = deserialized({ dataJson: secretWire("x") }, true);
        expect(read(props, "dataJson")).to.deep.equal({ state: "known", value: "x", secret: true });
    });

    it("takes a bag with a `__getSpecialProxyTarget` property for data, not for an SDK proxy (fuzz: the tap threw, failing the whole request)", () => {
        for (const odd of [false, "x", { other: 1 }]) {
            const props = deserialized({ __getSpecialProxyTarget: odd, dataJson: secretWire("s") });
            expect(read(props, "dataJson")).to.deep.equal({ state: "known", value: "s", secret: true });
            expect(read(props, "__getSpecialProxyTarget")).to.deep.equal({ state: "known", value: odd, secret: false });
        }
    });

    it("computes a value derived from a bag once per bag, whichever proxy asks, and afresh for a bag it did not see", () => {
        const key = Symbol("test");
        let computed = 0;
        const compute = (from: string) => ({ n: ++computed, from });
        const props = deserialized({ policy: "{}" });
        // Each policy gets its own SDK proxy over the same bag: they share the value.
        const first = derivedFrom(unknownCheckingProxy(props), key, compute, "test");
        expect(first.from, "compute gets its input").to.equal("test");
        expect(derivedFrom(unknownCheckingProxy(props), key, compute, "test")).to.equal(first);
        expect(derivedFrom(props, Symbol("other"), compute, "test"), "another key is another value").to.not.equal(first);
        expect(derivedFrom(deserialized({ policy: "{}" }), key, compute, "test"), "another request's bag").to.not.equal(first);
        const own = { policy: "{}" };
        expect(derivedFrom(own, key, compute, "test")).to.not.equal(derivedFrom(own, key, compute, "test"));
        expect(computed).to.equal(5);
        expect(Object.keys(props), "nothing visible on the bag").to.deep.equal(["policy"]);
    });

    it("hands every policy of a request one unknown-checking proxy over the bag, and any other object a fresh one", () => {
        // server.js wraps the deserialized bag once per policy; the tap's bag gets one proxy, shared.
        const props = deserialized({ policy: "{}", later: UNKNOWN });
        const first = unknownCheckingProxy(props) as Record<string, unknown>;
        expect(unknownCheckingProxy(props)).to.equal(first);
        expect(first.policy, "it still reads through to the bag").to.equal("{}");
        expect(() => first.later, "and still throws on an unknown, as the SDK's does").to.throw(/can't be known during preview/);
        expect(unknownCheckingProxy(deserialized({ policy: "{}" })), "another request's bag has its own").to.not.equal(first);
        const own = { policy: "{}" };
        expect(unknownCheckingProxy(own), "an object the tap did not make").to.not.equal(unknownCheckingProxy(own));
        // The remediate path's bag is itself a proxy (secrets kept): its mark is not read through the proxy's trap.
        const kept = unknownCheckingProxy(deserialized({ policy: "{}" }, true)) as Record<string, unknown>;
        expect(kept.policy).to.equal("{}");
        expect((unknownCheckingProxy(first) as Record<string, unknown>).policy, "nor is a proxy's wrapped again").to.equal("{}");
        expect(Object.keys(props), "nothing visible on the bag").to.deep.equal(["policy", "later"]);
    });

    it("relies on a seam the pinned SDK still has: server.js makes each policy's proxy through the proxy module", () => {
        const server = fs.readFileSync(require.resolve("@pulumi/policy/server.js"), "utf8");
        expect(server.match(/proxy_1\.unknownCheckingProxy\(deserd\)/g)?.length).to.equal(3);
    });
});
