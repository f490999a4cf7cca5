/** Every document reader reports through reportDocumentFindings: a hostile document's findings are capped per document, in trust and key policies too. */
import { expect } from "chai";
import { iamTrustedServicePrincipals } from "../../policies/iam/iam-trusted-service-principals";
import { kmsKeyPolicy } from "../../policies/kms/kms-key-policy";
import { judge } from "../helpers";

const statements = (n: number) => JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: n }, (_, i) => ({ Effect: "Allow", Sid: `s${i}`, Principal: { AWS: "*" }, Action: "sts:AssumeRole" })) });

describe("document findings are capped per document", () => {
    it("a trust policy with 60 statements that trust any principal: 20 findings and one that counts the rest", async () => {
        const v = await judge(iamTrustedServicePrincipals, "aws:iam/role:Role", { assumeRolePolicy: statements(60) }, {}, "role");
        expect(v.messages).to.have.length(21);
        expect(v.messages[20]).to.equal('role: assumeRolePolicy: 40 more problems not shown ("60 in all"). Fix: fix the problems above and run the preview again.');
    });

    it("a key policy with 60 statements that allow any principal: the same cap", async () => {
        const v = await judge(kmsKeyPolicy, "aws:kms/key:Key", { policy: statements(60).replace(/sts:AssumeRole/g, "kms:Decrypt") }, {}, "key");
        expect(v.messages).to.have.length(21);
        expect(v.messages[20]).to.match(/^key: policy: \d+ more problems not shown \("\d+ in all"\)\. Fix: fix the problems above and run the preview again\.$/);
    });
});
