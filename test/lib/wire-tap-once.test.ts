import { expect } from "chai";
import * as deserialize from "@pulumi/policy/deserialize";
import "../../policies";
import { Secret } from "@pulumi/policy";
import { read } from "../../policies/lib/read";
import { unproxy } from "../../policies/lib/wire-tap";
import { secretWire } from "../helpers";

type Deserializer = (s: { toJavaScript(): Record<string, unknown> }, proxySecrets: boolean) => Record<string, unknown>;
const tapped = () => (deserialize as unknown as { deserializeProperties: Deserializer }).deserializeProperties;

/** A stand-in for one request's google.protobuf.Struct, counting how often it is converted. */
function struct(wire: Record<string, unknown>) {
    const s = { conversions: 0, toJavaScript: () => (s.conversions++, wire) };
    return s;
}

describe("wire tap: one deserialization per request", () => {
    it("gives every policy of a request the same props, converting the Struct once", () => {
        const s = struct({ dataJson: secretWire("x"), mount: "kv" });
        const first = tapped()(s, false);
        const second = tapped()(s, false);
        expect(second).to.equal(first);
        expect(s.conversions).to.equal(1);
        expect(read(first, "dataJson")).to.deep.include({ state: "known", value: "x", secret: true });
    });

    it("keeps the remediate form (Secret instances) apart from the validate form", () => {
        const s = struct({ dataJson: secretWire("x") });
        const validate = tapped()(s, false);
        const remediate = tapped()(s, true);
        expect(remediate).to.not.equal(validate);
        expect(validate.dataJson).to.equal("x");
        // The SDK's secret-preserving proxy reads "x"; underneath is the Secret the engine gets back.
        expect(unproxy(remediate).dataJson).to.be.instanceOf(Secret);
        expect(s.conversions).to.equal(1);
    });

    it("does not mix up two requests", () => {
        const a = tapped()(struct({ mount: "a" }), false);
        const b = tapped()(struct({ mount: "b" }), false);
        expect([a.mount, b.mount]).to.deep.equal(["a", "b"]);
    });
});
