/**
 * Every place the compute table reads, against @pulumi/aws 7.48's own type definitions: a renamed
 * input fails here instead of silently hiding a credential. Paths inside JSON text (container
 * definitions, Batch properties) are AWS's API shapes, not the provider's, so only the property
 * holding the text is checked.
 */
import { expect } from "chai";
import { COMPUTE_CREDENTIALS, NO_ENVIRONMENT } from "../../policies/core/compute-credentials";
import { moduleOf, typeAt } from "./aws-definitions";

describe("aws-no-plaintext-credentials table against @pulumi/aws 7.48 type definitions", function () {
    this.timeout(60_000);

    for (const row of COMPUTE_CREDENTIALS) {
        it(`${row.host} (${row.type})`, () => {
            for (const source of row.env ?? []) {
                if (source.json) expect(typeAt(row.type, [source.path[0]]), source.path[0]).to.match(/\bstring\b/);
                else if (source.form === "map") expect(typeAt(row.type, source.path), source.path.join(".")).to.match(/\[key: string\]: pulumi\.Input<string>/);
                else for (const field of ["name", "value"]) expect(typeAt(row.type, [...source.path, field])).to.match(/\bstring\b/);
            }
            for (const property of [...(row.documents ?? []), ...(row.text ?? []).map((t) => t.property)]) expect(typeAt(row.type, [property]), property).to.match(/\bstring\b/);
        });
    }

    it("CodeBuild variables carry the type that tells a PLAINTEXT value from a reference", () => {
        expect(typeAt("aws:codebuild/project:Project", ["environment", "environmentVariables", "type"])).to.match(/\bstring\b/);
    });

    for (const [token, why] of Object.entries(NO_ENVIRONMENT)) {
        it(`${token} has no environment input (${why})`, () => {
            expect([...moduleOf(token).args.keys()].filter((n) => /env/i.test(n))).to.deep.equal([]);
        });
    }
});
