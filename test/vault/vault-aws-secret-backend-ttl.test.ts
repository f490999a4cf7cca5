import { expect } from "chai";
import { vaultAwsSecretBackendTtl } from "../../policies/vault/vault-aws-secret-backend-ttl";
import { expectClean, huge, judge, secretWire, UNKNOWN } from "../helpers";

const SB = "vault:aws/secretBackend:SecretBackend";
const judgeBackend = (props: Record<string, unknown>, config = {}) => judge(vaultAwsSecretBackendTtl, SB, props, config, "ai-app-backend");

describe("vault-aws-secret-backend-ttl", () => {
    it("passes seed 003's backend (3600 / 86400)", async () => {
        expectClean(await judgeBackend({ description: "AWS secrets backend for AI application", defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 }));
    });

    it("flags unset and zero TTLs (Vault's 32-day default)", async () => {
        const v = await judgeBackend({ path: "aws", maxLeaseTtlSeconds: 0 });
        expect(v.messages).to.deep.equal([
            "ai-app-backend: defaultLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL (not set). Fix: set defaultLeaseTtlSeconds to at most 86400 seconds.",
            "ai-app-backend: maxLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL (0). Fix: set maxLeaseTtlSeconds to at most 86400 seconds.",
        ]);
        expect(v.diagnostics[0].level).to.equal("mandatory");
    });

    it("flags a default longer than the maximum", async () => {
        expect((await judgeBackend({ defaultLeaseTtlSeconds: 7200, maxLeaseTtlSeconds: 3600 })).messages).to.deep.equal([
            "ai-app-backend: defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds (7200). Fix: set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (3600).",
        ]);
    });

    it("flags a maximum above the configured cap, and honours maxLeaseTtlSeconds config", async () => {
        expect((await judgeBackend({ defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 2764800 })).messages).to.deep.equal([
            "ai-app-backend: maxLeaseTtlSeconds is longer than the allowed 86400 seconds (2764800). Fix: set maxLeaseTtlSeconds to at most 86400 seconds.",
        ]);
        expect((await judgeBackend({ defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 }, { maxLeaseTtlSeconds: 14400 })).messages).to.deep.equal([
            "ai-app-backend: maxLeaseTtlSeconds is longer than the allowed 14400 seconds (86400). Fix: set maxLeaseTtlSeconds to at most 14400 seconds.",
        ]);
    });

    it("stays quiet about unknown values in preview", async () => {
        expectClean(await judgeBackend({ defaultLeaseTtlSeconds: UNKNOWN, maxLeaseTtlSeconds: UNKNOWN }));
        expectClean(await judgeBackend({ defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: UNKNOWN }));
    });

    it("reads secret-wrapped values like plain ones", async () => {
        expectClean(await judgeBackend({ defaultLeaseTtlSeconds: secretWire(3600), maxLeaseTtlSeconds: secretWire(7200) }));
    });

    it("reports odd input, never throws", async () => {
        expect((await judgeBackend({ defaultLeaseTtlSeconds: "1h", maxLeaseTtlSeconds: 3600 })).messages).to.deep.equal([
            'ai-app-backend: defaultLeaseTtlSeconds is not a whole number of seconds ("1h"). Fix: set defaultLeaseTtlSeconds to at most 86400 seconds.',
        ]);
        for (const odd of [null, { n: 1 }, [3600], huge(), -5, 0.5]) {
            const v = await judgeBackend({ defaultLeaseTtlSeconds: odd, maxLeaseTtlSeconds: 3600 });
            expect(v.messages.length).to.equal(1);
            expect(v.messages[0]).to.match(/^ai-app-backend: defaultLeaseTtlSeconds .* Fix: .+\.$/);
            expect(v.messages[0].length).to.be.lessThan(400);
        }
    });

    it("reports each broken bound of an absurd value", async () => {
        expect((await judgeBackend({ defaultLeaseTtlSeconds: 1e308, maxLeaseTtlSeconds: 3600 })).messages).to.deep.equal([
            "ai-app-backend: defaultLeaseTtlSeconds is longer than the allowed 86400 seconds (1e+308). Fix: set defaultLeaseTtlSeconds to at most 86400 seconds.",
            "ai-app-backend: defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds (1e+308). Fix: set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (3600).",
        ]);
    });

    it("reports bad config and uses the default", async () => {
        const v = await judgeBackend({ defaultLeaseTtlSeconds: 3600, maxLeaseTtlSeconds: 86400 }, { maxLeaseTtlSeconds: "a day" });
        expect(v.messages).to.deep.equal(['vault-aws-secret-backend-ttl: config maxLeaseTtlSeconds must be an integer (got "a day"); using the default 86400. Fix: correct it in the policy pack config.']);
    });

    it("flags an explicit defaultLeaseTtlSeconds: 0 (Vault's 32-day default) and passes default = max = cap", async () => {
        expect((await judgeBackend({ defaultLeaseTtlSeconds: 0, maxLeaseTtlSeconds: 3600 })).messages).to.deep.equal([
            "ai-app-backend: defaultLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL (0). Fix: set defaultLeaseTtlSeconds to at most 86400 seconds.",
        ]);
        expectClean(await judgeBackend({ defaultLeaseTtlSeconds: 86400, maxLeaseTtlSeconds: 86400 }));
    });
});
