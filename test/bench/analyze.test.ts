import { expect } from "chai";
import { resourceMix } from "../../bench/analyze";
import { analyzeResource } from "../../harness/in-process";
import { policies } from "../../policies";

// The Analyze bench's mix plants violations on purpose (every third key without rotation, every
// seventh policy with s3:*, …). This holds its findings to those, so a mistake in the generator
// (key ARNs that are no key ARNs, as once) does not time findings nobody meant.
describe("bench/analyze.ts mix", () => {
    it("draws only the findings it plants", async () => {
        const perPolicy: Record<string, number> = {};
        for (const r of resourceMix(13 * 36)) {
            for (const d of (await analyzeResource(policies, r)).diagnostics) perPolicy[d.policy] = (perPolicy[d.policy] ?? 0) + 1;
        }
        // 36 of each of the 13 kinds; i runs over 0..467, kind k at i ≡ k (mod 13).
        const count = (kind: number, pred: (i: number) => boolean) => Array.from({ length: 36 }, (_, n) => 13 * n + kind).filter(pred).length;
        expect(perPolicy).to.deep.equal({
            "kms-key-rotation": count(0, (i) => i % 3 === 0),
            "kms-key-deletion-window": count(0, (i) => i % 4 === 0),
            "kms-alias-name": count(1, (i) => i % 5 === 0),
            // the IAM policy's s3:*, and the role policy's kms:* on "*" (two findings of each of two policies)
            "iam-least-privilege-actions": count(2, (i) => i % 7 === 0) + count(4, (i) => i % 6 === 0),
            "iam-kms-least-privilege": 2 * count(4, (i) => i % 6 === 0),
            "iam-trusted-service-principals": count(3, (i) => i % 9 === 0),
            "s3-bucket-key-enabled": count(6, (i) => i % 2 !== 0),
            "secretsmanager-secret-cmk": count(7, (i) => i % 3 === 0),
            "secretsmanager-no-plaintext-value": count(8, (i) => i % 4 === 0),
            "vault-no-plaintext-data": count(9, (i) => i % 4 === 0),
            "vault-aws-secret-backend-ttl": count(10, (i) => i % 5 === 0),
            "vault-aws-role-credential-type": count(11, (i) => i % 3 === 0),
        });
    });
});
