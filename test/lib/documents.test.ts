/**
 * lib/documents.ts: a resource's policy documents are read and parsed once per request and shared by
 * every IAM-reading policy, each getting the kinds it asks for, in the catalog's property order.
 */
import { expect } from "chai";
import { parsedDocumentsOf } from "../../policies/lib/documents";
import { read } from "../../policies/lib/read";
import * as T from "../../policies/lib/types";
import { deserialized } from "../helpers";


const doc = (action: string) => JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: action, Resource: "*" }] });

describe("lib/documents", () => {
    const roleWire = { assumeRolePolicy: doc("sts:AssumeRole"), inlinePolicies: [{ name: "a", policy: doc("kms:Decrypt") }] };

    it("gives each policy the kinds it asks for, sharing one parse per request", () => {
        const props = deserialized(roleWire);
        const holder = { type: T.IAM_ROLE, props, read: (...path: (string | number)[]) => read(props, ...path) };
        const identity = parsedDocumentsOf(holder, ["identity"]);
        const trust = parsedDocumentsOf(holder, ["trust"]);
        expect(identity.map((d) => d.property)).to.deep.equal(["inlinePolicies[0].policy"]);
        expect(trust.map((d) => d.property)).to.deep.equal(["assumeRolePolicy"]);
        expect(parsedDocumentsOf(holder, ["identity", "trust"]).map((d) => d.property)).to.deep.equal(["inlinePolicies[0].policy", "assumeRolePolicy"]);
        // The same parse: a second policy asking gets the very objects the first got.
        expect(parsedDocumentsOf(holder, ["identity"])[0]).to.equal(identity[0]);
    });

    it("reads the bag afresh when it is judged as another type (an in-process caller reusing it)", () => {
        const props = deserialized({ policy: doc("kms:Decrypt") });
        const reader = (...path: (string | number)[]) => read(props, ...path);
        expect(parsedDocumentsOf({ type: T.IAM_POLICY, props, read: reader }, ["identity"]).map((d) => d.property)).to.deep.equal(["policy"]);
        expect(parsedDocumentsOf({ type: T.KMS_KEY, props, read: reader }, ["identity"])).to.deep.equal([]);
        expect(parsedDocumentsOf({ type: T.KMS_KEY, props, read: reader }, ["key"]).map((d) => d.property)).to.deep.equal(["policy"]);
    });
});
