/** Every document reader reports through documentFindings (core/iam/located.ts): a hostile document's findings are capped per document, in trust policies too (key policies: kms-key-policy's table). */
import { expect } from "chai";
import { iamTrustedServicePrincipals } from "../../policies/iam/iam-trusted-service-principals";
import { judge } from "../helpers";

const statements = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: n }, (_, i) => ({ Effect: "Allow", Sid: `s${i}`, Principal: { AWS: "*" }, Action: "sts:AssumeRole" })) });

describe("document findings are capped per document", () => {
    it("a trust policy with 60 statements that trust any principal: 20 findings and one that counts the rest", async () => {
        const v = await judge(iamTrustedServicePrincipals, "aws:iam/role:Role", { assumeRolePolicy: statements(60) }, {}, "role");
        expect(v.messages).to.have.length(21);
        expect(v.messages[20]).to.equal('role: assumeRolePolicy: 40 more problems not shown ("60 in all"). Fix: fix the problems above and run the preview again.');
    });

});
