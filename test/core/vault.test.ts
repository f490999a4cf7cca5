import { expect } from "chai";
import { AUTH_ROLE_PROPERTIES, AuthRole, authRoleFindings, boundPrincipalFinding, credentialTypeFindings, leaseTtlFindings } from "../../policies/core/vault";
import { UNKNOWN } from "../../policies/core/wire";

const codes = (fs: { code: string }[]) => fs.map((f) => f.code);
const problems = (fs: { problem: string }[]) => fs.map((f) => f.problem);
const HUGE = "x".repeat(5 * 1024 * 1024);
/** `{ d: { d: … } }` nested `depth` times. */
function deep(depth: number): unknown {
    let v: unknown = "iam_user";
    for (let i = 0; i < depth; i++) v = { d: v };
    return v;
}
/** Values of the wrong type, huge or deeply nested, for rules that must never throw. */
const HOSTILE: unknown[] = [null, 42, -1, 1.5, NaN, Infinity, true, "", HUGE, [], [HUGE], { a: 1 }, deep(10_000), [deep(10_000)], Symbol("s"), 10n, () => 1];

const lease = (defaultLeaseTtlSeconds: unknown, maxLeaseTtlSeconds: unknown, cap = 86400) => leaseTtlFindings({ defaultLeaseTtlSeconds, maxLeaseTtlSeconds }, cap);

describe("core/vault: lease TTLs (vault-aws-secret-backend-ttl)", () => {
    it("accepts lease TTLs that are set, ordered and within the cap", () => {
        expect(lease(3600, 86400)).to.deep.equal([]);
        expect(lease(60, 60)).to.deep.equal([]);
    });

    it("treats unset and 0 lease TTLs as Vault's 32-day default", () => {
        expect(lease(undefined, 0)).to.deep.equal([
            { code: "lease-ttl-unset", problem: "defaultLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL", value: undefined, fix: "set defaultLeaseTtlSeconds to at most 86400 seconds" },
            { code: "lease-ttl-unset", problem: "maxLeaseTtlSeconds is not set, so leases fall back to Vault's 32-day system TTL", value: 0, fix: "set maxLeaseTtlSeconds to at most 86400 seconds" },
        ]);
    });

    it("orders default ≤ max ≤ cap", () => {
        expect(lease(7200, 3600)).to.deep.equal([{ code: "default-over-max", problem: "defaultLeaseTtlSeconds is longer than maxLeaseTtlSeconds", value: 7200, fix: "set defaultLeaseTtlSeconds to at most maxLeaseTtlSeconds (3600)" }]);
        expect(problems(lease(3600, 172800))).to.deep.equal(["maxLeaseTtlSeconds is longer than the allowed 86400 seconds"]);
        expect(codes(lease(3600, 172800))).to.deep.equal(["lease-ttl-over-cap"]);
        expect(lease(3600, 14400, 14400)).to.deep.equal([]);
    });

    it("skips unknown TTLs, and reports odd types", () => {
        expect(lease(UNKNOWN, 3600)).to.deep.equal([]);
        expect(lease(UNKNOWN, UNKNOWN)).to.deep.equal([]);
        expect(codes(lease("3600", -1))).to.deep.equal(["lease-ttl-not-seconds", "lease-ttl-not-seconds"]);
        expect(problems(lease(1.5, null))).to.deep.equal(["defaultLeaseTtlSeconds is not a whole number of seconds", "maxLeaseTtlSeconds is not a whole number of seconds"]);
    });

    it("never throws on hostile values, and says one thing per TTL that is not whole seconds", () => {
        for (const v of HOSTILE) {
            const wholeSeconds = typeof v === "number" && Number.isInteger(v) && v >= 0;
            expect(codes(lease(v, v)), String(typeof v)).to.deep.equal(wholeSeconds ? [] : ["lease-ttl-not-seconds", "lease-ttl-not-seconds"]);
        }
    });
});

describe("core/vault: credential types (vault-aws-role-credential-type)", () => {
    const ARNS = ["arn:aws:iam::123456789012:role/ai-app"];

    it("accepts short-lived credential types", () => {
        expect(credentialTypeFindings("assumed_role", ARNS)).to.deep.equal([]);
        expect(credentialTypeFindings("federation_token", undefined)).to.deep.equal([]);
        expect(credentialTypeFindings(" federation_token , assumed_role ", ARNS)).to.deep.equal([]);
    });

    it("flags iam_user and session_token, each entry of a list on its own", () => {
        expect(credentialTypeFindings("iam_user", undefined)).to.deep.equal([
            { code: "iam-user", problem: "credentialType iam_user creates IAM users with long-lived access keys", value: "iam_user", fix: "set credentialType: assumed_role (with roleArns) or federation_token" },
        ]);
        expect(problems(credentialTypeFindings("session_token", undefined))).to.deep.equal(["credentialType session_token returns STS credentials with all the permissions of Vault's own IAM identity, unscoped by the role"]);
        expect(codes(credentialTypeFindings("assumed_role, iam_user,session_token", ARNS))).to.deep.equal(["iam-user", "session-token"]);
    });

    it("flags what is not a credential type", () => {
        for (const v of ["iam-user", "IAM_USER", "", " ", "toString", "__proto__", "constructor", undefined]) {
            expect(codes(credentialTypeFindings(v, ARNS)), String(v)).to.deep.equal(["unknown-credential-type"]);
        }
        expect(credentialTypeFindings("assumed_role,", ARNS)).to.deep.equal([{ code: "unknown-credential-type", problem: "credentialType is not a Vault AWS credential type", value: "", fix: "set credentialType: assumed_role (with roleArns) or federation_token" }]);
    });

    it("asks assumed_role for roleArns, and only assumed_role", () => {
        const none = { code: "no-role-arns", problem: "credentialType assumed_role lists no roleArns, so Vault has no role to assume", value: undefined, fix: "set roleArns to the IAM role ARNs this Vault role may assume" };
        expect(credentialTypeFindings("assumed_role", undefined)).to.deep.equal([none]);
        expect(credentialTypeFindings("federation_token,assumed_role", [])).to.deep.equal([{ ...none, value: [] }]);
        expect(credentialTypeFindings("assumed_role", UNKNOWN)).to.deep.equal([]);
        expect(credentialTypeFindings("federation_token", [])).to.deep.equal([]);
    });

    it("does not judge an unknown credentialType", () => {
        expect(credentialTypeFindings(UNKNOWN, undefined)).to.deep.equal([]);
    });

    it("never throws on hostile values", () => {
        for (const v of HOSTILE) {
            expect(codes(credentialTypeFindings(v, v)), String(typeof v)).to.satisfy((cs: string[]) => cs.length <= 1 && cs.every((c) => c === "unknown-credential-type"));
        }
        expect(credentialTypeFindings("iam_user,".repeat(100_000), undefined).length).to.equal(100_001);
    });
});

describe("core/vault: bound principals", () => {
    it("accepts IAM role and user ARNs in every partition, and a trailing wildcard on a name", () => {
        for (const arn of ["arn:aws:iam::123456789012:role/ai-service", "arn:aws:iam::123456789012:user/ci", "arn:aws-cn:iam::123456789012:role/path/to/r", "arn:aws-us-gov:iam::123456789012:role/r", "arn:aws:iam::123456789012:role/ai-*"]) {
            expect(boundPrincipalFinding(arn), arn).to.equal(undefined);
        }
    });

    it("flags principals that are not specific IAM roles or users", () => {
        const cases: [unknown, string, string][] = [
            ["*", "bound-principal-any", "boundIamPrincipalArns lets any AWS principal in any account log in"],
            [" * ", "bound-principal-any", "boundIamPrincipalArns lets any AWS principal in any account log in"],
            ["arn:aws:iam::*:role/ai-service", "bound-principal-any-account", "boundIamPrincipalArns uses a wildcard account, so principals in any account can log in"],
            ["arn:aws:iam::12345678901?:role/ai-service", "bound-principal-any-account", "boundIamPrincipalArns uses a wildcard account, so principals in any account can log in"],
            ["arn:aws:iam::123456789012:role/*", "bound-principal-whole-account", "boundIamPrincipalArns binds every IAM role in account 123456789012"],
            ["arn:aws:iam::123456789012:user/team/*", "bound-principal-whole-account", "boundIamPrincipalArns binds every IAM user in account 123456789012"],
            ["arn:aws:sts::123456789012:assumed-role/r/session", "bound-principal-session", "boundIamPrincipalArns names an STS session, not the IAM role it belongs to"],
            ["urn:pulumi:dev::ai::pulumi:providers:aws::aws-provider", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::123456789012:instance-profile/p", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:s3:::bucket", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::12345:role/r", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam:us-east-1:123456789012:role/r", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::123456789012:role/", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:nope:iam::123456789012:role/r", "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            ["arn:aws:iam::123456789012:role/" + HUGE, "bound-principal-not-iam", "boundIamPrincipalArns has an entry that is not an IAM role or user ARN"],
            [42, "bound-principal-not-arn", "boundIamPrincipalArns has an entry that is not an ARN"],
            [deep(10_000), "bound-principal-not-arn", "boundIamPrincipalArns has an entry that is not an ARN"],
        ];
        for (const [arn, code, problem] of cases) {
            const found = boundPrincipalFinding(arn);
            expect([found?.code, found?.problem], String(arn).slice(0, 60)).to.deep.equal([code, problem]);
            expect(found?.value).to.equal(arn);
        }
    });
});

describe("core/vault: auth roles (vault-aws-auth-role-bound)", () => {
    const CAP = 86400;
    const NONE = Object.fromEntries(AUTH_ROLE_PROPERTIES.map((p) => [p, undefined])) as AuthRole;
    const GOOD: AuthRole = { ...NONE, authType: "iam", boundIamPrincipalArns: ["arn:aws:iam::123456789012:role/ai-service"], tokenPolicies: ["default"], tokenMaxTtl: 3600 };
    const role = (changes: Partial<Record<keyof AuthRole, unknown>>, cap = CAP) => codes(authRoleFindings({ ...GOOD, ...changes }, cap));

    it("passes an iam role bound to an IAM role ARN with a bounded token", () => {
        expect(authRoleFindings(GOOD, CAP)).to.deep.equal([]);
    });

    it("reads an unset authType as Vault's default, iam, and judges no other type's principals", () => {
        expect(role({ authType: undefined, boundIamPrincipalArns: ["*"] })).to.deep.equal(["bound-principal-any"]);
        expect(role({ authType: "ec2", boundIamPrincipalArns: ["*"] })).to.deep.equal([]);
        expect(role({ authType: "IAM", boundIamPrincipalArns: undefined })).to.deep.equal([]);
        expect(role({ authType: UNKNOWN, boundIamPrincipalArns: undefined })).to.deep.equal([]);
    });

    it("flags an iam role that binds no principal", () => {
        expect(authRoleFindings({ ...GOOD, boundIamPrincipalArns: undefined }, CAP)).to.deep.equal([
            { code: "no-bound-principal", problem: "authType iam binds no IAM principal, so the role does not restrict which AWS identities can log in", value: undefined, fix: "set boundIamPrincipalArns to the IAM role or user ARNs that may log in" },
        ]);
        expect(role({ boundIamPrincipalArns: [] })).to.deep.equal(["no-bound-principal"]);
    });

    it("lets each inferred-entity bound restrict logins in place of principal ARNs, but only with inferredEntityType", () => {
        const bounds = AUTH_ROLE_PROPERTIES.filter((p) => p.startsWith("bound") && p !== "boundIamPrincipalArns");
        expect(bounds).to.have.length(8);
        for (const b of bounds) {
            expect(role({ boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", [b]: ["x"] }), b).to.deep.equal([]);
            expect(role({ boundIamPrincipalArns: [], [b]: ["x"] }), b).to.deep.equal(["no-bound-principal"]);
            expect(role({ boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", [b]: [] }), b).to.deep.equal(["no-bound-principal"]);
            expect(role({ boundIamPrincipalArns: [], inferredEntityType: "ec2_instance", [b]: UNKNOWN }), b).to.deep.equal([]);
        }
        expect(role({ boundIamPrincipalArns: [], inferredEntityType: UNKNOWN })).to.deep.equal([]);
    });

    it("judges each known entry of boundIamPrincipalArns, skipping computed and null ones", () => {
        expect(role({ boundIamPrincipalArns: ["*", UNKNOWN, null, "arn:aws:iam::123456789012:role/*", 7] })).to.deep.equal(["bound-principal-any", "bound-principal-whole-account", "bound-principal-not-arn"]);
        expect(role({ boundIamPrincipalArns: UNKNOWN })).to.deep.equal([]);
        expect(role({ boundIamPrincipalArns: "arn:aws:iam::123456789012:role/r" })).to.deep.equal(["bound-principals-not-list"]);
    });

    it("flags the root policy in any case and spacing", () => {
        expect(role({ tokenPolicies: ["default", " Root "] })).to.deep.equal(["root-policy"]);
        expect(authRoleFindings({ ...GOOD, tokenPolicies: ["root"] }, CAP)[0]).to.deep.equal({ code: "root-policy", problem: "tokenPolicies grants the root policy, which is unrestricted access to Vault", value: ["root"], fix: "remove root from tokenPolicies and grant a least-privilege policy" });
        for (const p of [["default", "dev"], "root", UNKNOWN, [UNKNOWN], ["rooted"]]) expect(role({ tokenPolicies: p }), String(p)).to.deep.equal([]);
    });

    it("bounds tokenMaxTtl by the cap", () => {
        expect(role({ tokenMaxTtl: 86400 })).to.deep.equal([]);
        expect(role({ tokenMaxTtl: undefined })).to.deep.equal(["token-ttl-unset"]);
        expect(role({ tokenMaxTtl: 0 })).to.deep.equal(["token-ttl-unset"]);
        expect(role({ tokenMaxTtl: 90000 })).to.deep.equal(["token-ttl-over-cap"]);
        expect(authRoleFindings({ ...GOOD, tokenMaxTtl: 7200 }, 3600)[0]).to.deep.equal({ code: "token-ttl-over-cap", problem: "tokenMaxTtl is longer than the allowed 3600 seconds", value: 7200, fix: "set tokenMaxTtl to at most 3600 seconds" });
        expect(role({ tokenMaxTtl: "1h" })).to.deep.equal(["token-ttl-not-seconds"]);
        expect(role({ tokenMaxTtl: UNKNOWN })).to.deep.equal([]);
    });

    it("takes a bounded tokenExplicitMaxTtl in place of tokenMaxTtl, and waits for a computed one", () => {
        expect(role({ tokenMaxTtl: undefined, tokenExplicitMaxTtl: 3600 })).to.deep.equal([]);
        expect(role({ tokenMaxTtl: undefined, tokenExplicitMaxTtl: 90000 })).to.deep.equal(["token-ttl-unset"]);
        expect(role({ tokenMaxTtl: undefined, tokenExplicitMaxTtl: 0 })).to.deep.equal(["token-ttl-unset"]);
        expect(role({ tokenMaxTtl: undefined, tokenExplicitMaxTtl: "1h" })).to.deep.equal(["token-ttl-unset"]);
        expect(role({ tokenMaxTtl: undefined, tokenExplicitMaxTtl: UNKNOWN })).to.deep.equal([]);
    });

    it("flags a token period that no bounded tokenExplicitMaxTtl ends", () => {
        expect(authRoleFindings({ ...GOOD, tokenPeriod: 3600 }, CAP)).to.deep.equal([
            { code: "periodic-token", problem: "tokenPeriod makes periodic tokens that never expire while renewed, whatever tokenMaxTtl says", value: 3600, fix: "remove tokenPeriod, or set tokenExplicitMaxTtl to at most 86400 seconds" },
        ]);
        expect(role({ tokenPeriod: 3600, tokenExplicitMaxTtl: 86400 })).to.deep.equal([]);
        expect(role({ tokenPeriod: 3600, tokenExplicitMaxTtl: 90000 })).to.deep.equal(["periodic-token"]);
        expect(role({ tokenPeriod: 3600, tokenExplicitMaxTtl: UNKNOWN })).to.deep.equal([]);
        for (const p of [0, undefined, "1h", -1, UNKNOWN]) expect(role({ tokenPeriod: p }), String(p)).to.deep.equal([]);
    });

    it("never throws on hostile values in any property", () => {
        for (const v of HOSTILE) {
            for (const p of AUTH_ROLE_PROPERTIES) expect(() => authRoleFindings({ ...GOOD, [p]: v }, CAP), `${p} ${typeof v}`).to.not.throw();
            expect(() => authRoleFindings(Object.fromEntries(AUTH_ROLE_PROPERTIES.map((p) => [p, v])) as AuthRole, CAP)).to.not.throw();
        }
        const many = authRoleFindings({ ...GOOD, boundIamPrincipalArns: Array.from({ length: 10_000 }, () => "*") }, CAP);
        expect(many).to.have.length(10_000);
    });
});
