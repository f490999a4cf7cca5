/** policies/lib/read.ts: the one way adapters read props — read, known, rawOf and the deep plain reader. */
import { expect } from "chai";
import { Secret } from "@pulumi/policy";
import { PLAIN_MAX_DEPTH, PLAIN_MAX_NODES, known, rawOf, read, readPlain } from "../../policies/lib/read";
import { installWireTap } from "../../policies/lib/wire-tap";
import { UNKNOWN, secretWire } from "../lib/policy-tester";
import { deserialized } from "../helpers";

/** Props as a policy gets them, through the wire tap; `remediate` keeps secrets as `Secret` instances. */
function propsOf(wire: Record<string, unknown>, remediate = false): Record<string, unknown> {
    expect(installWireTap(), "the wire tap").to.equal(true);
    return deserialized(wire, remediate);
}
/** A typed unknown sentinel the SDK knows (number), which the reader reports as the core's UNKNOWN. */
const UNKNOWN_NUMBER = "3eeb2bf0-c639-47a8-9e75-3b44932eb421";

describe("lib/read: read, known, rawOf", () => {
    const props = propsOf({ a: { b: [1, secretWire("s")] }, n: null, u: UNKNOWN, s: secretWire(UNKNOWN), typed: UNKNOWN_NUMBER });

    it("says absent, unknown or known, and whether the path crossed a secret", () => {
        expect(read(props, "a", "b", 0)).to.deep.equal({ state: "known", value: 1, secret: false });
        expect(read(props, "a", "b", 1)).to.deep.equal({ state: "known", value: "s", secret: true });
        expect(read(props, "n")).to.deep.equal({ state: "absent", secret: false });
        expect(read(props, "missing", "deeper", 3)).to.deep.equal({ state: "absent", secret: false });
        expect(read(props, "u")).to.deep.equal({ state: "unknown", secret: false });
        expect(read(props, "s")).to.deep.equal({ state: "unknown", secret: true });
        expect(read(props, "typed")).to.deep.equal({ state: "unknown", secret: false });
    });

    it("never steps where the data does not go: a string key into a list, a number key into an object, inherited names", () => {
        expect(read(props, "a", "b", "length").state).to.equal("absent");
        expect(read(props, "a", 0).state).to.equal("absent");
        expect(read(props, "constructor").state).to.equal("absent");
        expect(read(props, "a", "b", 0, "x").state).to.equal("absent");
    });

    it("known gives the value only when it is known; rawOf gives the core's view (UNKNOWN, or undefined when absent)", () => {
        expect(known(props, "a", "b", 1)).to.equal("s");
        expect(known(props, "u")).to.equal(undefined);
        expect(rawOf(read(props, "u"))).to.equal(UNKNOWN);
        expect(rawOf(read(props, "n"))).to.equal(undefined);
        expect(rawOf(read(props, "a", "b", 0))).to.equal(1);
    });

    it("gives a property it cannot take out (a throwing getter, a revoked Proxy) as unknown, never throwing; its siblings read as usual", () => {
        const hostile = {
            get boom(): unknown {
                throw new Error("boom");
            },
            ok: 1,
        };
        expect(read(hostile, "boom")).to.deep.equal({ state: "unknown", secret: false });
        expect(read({ a: hostile }, "a", "boom", "deeper")).to.deep.equal({ state: "unknown", secret: false });
        expect(known(hostile, "boom")).to.equal(undefined);
        expect(read(hostile, "ok")).to.deep.equal({ state: "known", value: 1, secret: false });
        const revoked = Proxy.revocable({}, {});
        revoked.revoke();
        expect(read(revoked.proxy, "x")).to.deep.equal({ state: "unknown", secret: false });
        expect(read({ p: revoked.proxy }, "p", "x")).to.deep.equal({ state: "unknown", secret: false });
        // A secret the path crossed before the failure is still said.
        expect(read({ s: new Secret(hostile) }, "s", "boom")).to.deep.equal({ state: "unknown", secret: true });
    });

    it("sees secrets on the remediate path, a secret inside a secret included (fuzz)", () => {
        const remediating = propsOf({ x: secretWire(secretWire(7)), y: secretWire(secretWire(UNKNOWN)) }, true);
        expect(read(remediating, "x")).to.deep.equal({ state: "known", value: 7, secret: true });
        expect(read(remediating, "y")).to.deep.equal({ state: "unknown", secret: true });
    });
});

describe("lib/read: readPlain, the deep plain reader", () => {
    const wire = { plain: { a: [1, "x"], b: { c: true } }, deep: { list: [{ key: secretWire("k") }] }, top: secretWire({ v: 1 }), later: { id: UNKNOWN, typed: [UNKNOWN_NUMBER] }, n: null };

    it("absent, unknown and known at the top, like read", () => {
        const props = propsOf(wire);
        expect(readPlain(props, "missing")).to.deep.equal({ state: "absent", value: undefined, secret: false });
        expect(readPlain(props, "n")).to.deep.equal({ state: "absent", value: undefined, secret: false });
        expect(readPlain(props, "later", "id")).to.deep.equal({ state: "unknown", value: UNKNOWN, secret: false });
        expect(readPlain(props, "plain")).to.deep.equal({ state: "known", value: { a: [1, "x"], b: { c: true } }, secret: false });
    });

    it("gives every unknown inside as the core's UNKNOWN, typed sentinels included", () => {
        expect(readPlain(propsOf(wire), "later")).to.deep.equal({ state: "known", value: { id: UNKNOWN, typed: [UNKNOWN] }, secret: false });
    });

    it("flags a secret at any depth, seen through the wire tap (check path: values arrive unwrapped)", () => {
        const props = propsOf(wire);
        expect(readPlain(props, "deep")).to.deep.equal({ state: "known", value: { list: [{ key: "k" }] }, secret: true });
        expect(readPlain(props, "top")).to.deep.equal({ state: "known", value: { v: 1 }, secret: true });
        expect(readPlain(props, "plain").secret).to.equal(false);
    });

    it("unwraps Secret instances at any depth (remediate path), and flags them", () => {
        const props = propsOf(wire, true);
        // What read() leaves inside a value on this path: the SDK's Secret instances.
        expect(known<{ list: { key: unknown }[] }>(props, "deep")?.list[0].key).to.be.instanceOf(Secret);
                expect(readPlain(props, "deep")).to.deep.equal({ state: "known", value: { list: [{ key: "k" }] }, secret: true });
        expect(readPlain(props, "top")).to.deep.equal({ state: "known", value: { v: 1 }, secret: true });
        expect(readPlain(props, "later")).to.deep.equal({ state: "known", value: { id: UNKNOWN, typed: [UNKNOWN] }, secret: false });
    });

    it("reads the whole bag with an empty path; a nested null stays null", () => {
        const r = readPlain(propsOf({ a: null, b: [null, 1] }));
        expect(r).to.deep.equal({ state: "known", value: { a: null, b: [null, 1] }, secret: false });
    });

    it("gives a value deeper than its bound as UNKNOWN (no verdict), without blowing the stack", () => {
        let nested: unknown = "bottom";
        for (let i = 0; i < 500; i++) nested = [nested];
        const r = readPlain(propsOf({ nested }), "nested");
        let depth = 0;
        let at = r.value;
        while (Array.isArray(at)) {
            at = at[0];
            depth++;
        }
        expect([r.state, depth, at]).to.deep.equal(["known", PLAIN_MAX_DEPTH, UNKNOWN]);
    });

    it("gives what lies beyond its size bound as UNKNOWN, in time linear in what it reads", () => {
        const big = Array.from({ length: PLAIN_MAX_NODES + 5 }, (_, i) => i);
        const t0 = Date.now();
        const r = readPlain(propsOf({ big }), "big");
        expect(Date.now() - t0).to.be.lessThan(2000);
        const value = r.value as unknown[];
        expect(value.slice(0, 3)).to.deep.equal([0, 1, 2]);
        expect(value[PLAIN_MAX_NODES - 1]).to.equal(PLAIN_MAX_NODES - 1);
        expect(value.slice(PLAIN_MAX_NODES)).to.deep.equal([UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN, UNKNOWN]);
    });

    it("never throws: non-plain values are leaves, a throwing getter is UNKNOWN where it stands, an unlistable container is no verdict", () => {
        const date = new Date(0);
        expect(readPlain({ when: date }, "when")).to.deep.equal({ state: "known", value: date, secret: false });
        const hostile = {
            get boom(): unknown {
                throw new Error("boom");
            },
            ok: [1],
        };
        expect(readPlain({ hostile }, "hostile")).to.deep.equal({ state: "known", value: { boom: UNKNOWN, ok: [1] }, secret: false });
        const unlistable = new Proxy(
            {},
            {
                ownKeys: () => {
                    throw new Error("no keys");
                },
            },
        );
        expect(readPlain({ unlistable }, "unlistable")).to.deep.equal({ state: "unknown", value: UNKNOWN, secret: false });
        expect(readPlain({ v: undefined }, "v"), "a property set to undefined").to.deep.equal({ state: "absent", value: undefined, secret: false });
        expect(readPlain({ hostile }, "hostile", "boom"), "a path through a throwing getter").to.deep.equal({ state: "unknown", value: UNKNOWN, secret: false });
    });

    it("keeps a data key named __proto__ as a key of the copy, never as its prototype", () => {
        const bag = JSON.parse('{"rules": {"__proto__": {"polluted": true}, "ok": 1}}') as Record<string, unknown>;
        const r = readPlain(bag, "rules");
        const value = r.value as Record<string, unknown>;
        expect(Object.keys(value)).to.deep.equal(["__proto__", "ok"]);
        expect(Object.getPrototypeOf(value)).to.equal(Object.prototype);
        expect((value as { polluted?: unknown }).polluted).to.equal(undefined);
    });
});
