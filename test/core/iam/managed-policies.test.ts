/** The AWS managed policies' documents (policies/core/iam/managed-policies.ts): which ARNs name one, and lazy loading. */
import { expect } from "chai";
import { execFileSync } from "child_process";
import { join } from "path";
import { managedPolicyDocument, managedPolicyName } from "../../../policies/core/iam/managed-policies";

const ADMIN = "arn:aws:iam::aws:policy/AdministratorAccess";

describe("core/iam/managed-policies", () => {
    it("reads ARNs of any partition and path, and nothing else", () => {
        expect(managedPolicyName("arn:aws-cn:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole")).to.equal("service-role/AWSLambdaBasicExecutionRole");
        expect(managedPolicyName(ADMIN)).to.equal("AdministratorAccess");
        expect(managedPolicyName("arn:aws:iam::111122223333:policy/AdministratorAccess")).to.equal(undefined);
        expect(managedPolicyDocument(ADMIN)).to.deep.equal({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Action: "*", Resource: "*" }] });
        expect(managedPolicyDocument("arn:aws:iam::aws:policy/NotAPolicyAwsHas")).to.equal(undefined);
        expect(managedPolicyDocument("arn:aws:iam::aws:policy/__proto__")).to.equal(undefined);
    });

    it("answers undefined for hostile values without throwing", () => {
        for (const value of [undefined, null, 42, {}, [ADMIN], `${ADMIN}${"x".repeat(1_000_000)}`, "arn:aws:iam::aws:policy/", "arn:aws:iam::aws:policy/constructor"]) {
            expect(managedPolicyDocument(value), JSON.stringify(value)?.slice(0, 40)).to.equal(undefined);
        }
        expect(managedPolicyName(`arn:aws:iam::aws:policy/${"a".repeat(600)}`), "longer than any ARN").to.equal(undefined);
    });

    it("is read only when an attachment is judged, never at start-up", () => {
        const dist = join(__dirname, "../../..");
        const script = `
            require(${JSON.stringify(join(dist, "policies/index.js"))});
            const data = require(${JSON.stringify(join(dist, "policies/core/iam/managed-policies.js"))});
            const { analyzeResource } = require(${JSON.stringify(join(dist, "harness/in-process.js"))});
            const { iamLeastPrivilegeActions } = require(${JSON.stringify(join(dist, "policies/iam/iam-least-privilege-actions.js"))});
            (async () => {
                const atStart = data.managedPoliciesLoaded();
                await analyzeResource([iamLeastPrivilegeActions], { type: "aws:iam/role:Role", name: "r", props: { inlinePolicies: [] } });
                const noAttachment = data.managedPoliciesLoaded();
                await analyzeResource([iamLeastPrivilegeActions], { type: "aws:iam/role:Role", name: "r", props: { managedPolicyArns: [${JSON.stringify(ADMIN)}] } });
                console.log(JSON.stringify({ atStart, noAttachment, attached: data.managedPoliciesLoaded() }));
            })();
        `;
        expect(JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" }))).to.deep.equal({ atStart: false, noAttachment: false, attached: true });
    });
});
