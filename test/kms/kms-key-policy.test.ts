import { kmsKeyPolicy } from "../../policies/kms/kms-key-policy";
import { KMS_EXTERNAL_KEY, KMS_KEY, KMS_KEY_POLICY, KMS_REPLICA_EXTERNAL_KEY, KMS_REPLICA_KEY } from "../../policies/lib/types";
import { huge } from "../helpers";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";

const ACCOUNT = "123456789012";
const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const APP_ROLE = `arn:aws:iam::${ACCOUNT}:role/app`;
const name = "aiPipelineKey";

const document = (...statements: object[]) => ({ Version: "2012-10-17", Statement: statements });
/** A key policy as most programs write it: a JSON string. Preview cases pass the object, where an unknown can sit. */
const doc = (...statements: object[]) => JSON.stringify(document(...statements));
const rootAdmin = { Sid: "EnableRootPermissions", Effect: "Allow", Principal: { AWS: ROOT }, Action: "kms:*", Resource: "*" };
const use = (principal: unknown, extra: object = {}) => ({ Effect: "Allow", Principal: principal, Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", ...extra });

const EVERYONE_FIX = "name the key's users in Principal.AWS, or add a condition on kms:CallerAccount, aws:PrincipalAccount, aws:PrincipalOrgID, aws:SourceAccount, aws:PrincipalArn, aws:SourceArn or kms:ViaService";
const ADMIN_FIX =
    "keep kms:* for arn:aws:iam::<account>:root only; grant this principal just the actions it uses (e.g. kms:Decrypt, kms:GenerateDataKey for users; kms:Describe*, kms:Put*, kms:Enable*, kms:ScheduleKeyDeletion for administrators)";
const BYPASS = "aiPipelineKey: bypassPolicyLockoutSafetyCheck skips KMS's check that the new policy still lets the caller manage the key (true). Fix: remove bypassPolicyLockoutSafetyCheck or set it to false.";
const EVERYONE = (statement: string, value: string) => `aiPipelineKey: policy ${statement}: allows every AWS principal, in any account, without a condition that limits the callers (${value}). Fix: ${EVERYONE_FIX}.`;
const ALL_KMS = (statement: string, grant: string, value: string) => `aiPipelineKey: policy ${statement}: grants every KMS action (${grant}) to a principal other than the account root (${value}). Fix: ${ADMIN_FIX}.`;
const INVENTED_FORECAST =
    'aiPipelineKey: policy statement 2: Principal.Service names a service principal that does not exist ("aiforecasts.amazonaws.com"). Fix: did you mean "forecast.amazonaws.com"? Otherwise name the service\'s principal as AWS documents it, or add it to extraServicePrincipals if AWS launched it after this catalog was built.';

const REPLICAS = [KMS_EXTERNAL_KEY, KMS_REPLICA_KEY, KMS_REPLICA_EXTERNAL_KEY];
const invented = doc(rootAdmin, use({ Service: ["aiforecasts.amazonaws.com", "logs.us-west-2.amazonaws.com"] }));

/** Conditions on Principal "*" that limit the callers to named accounts, an organization or an AWS service. */
const LIMITING: object[] = [
    { StringEquals: { "kms:CallerAccount": ACCOUNT, "kms:ViaService": "s3.us-east-1.amazonaws.com" } },
    { StringEquals: { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    { StringEquals: { "AWS:SourceAccount": ACCOUNT } },
    { StringEquals: { "kms:ViaService": ["secretsmanager.us-east-1.amazonaws.com", "s3.*.amazonaws.com"] } },
    { ArnLike: { "aws:PrincipalArn": `arn:aws:iam::${ACCOUNT}:role/ml-*` } },
    { ArnLike: { "aws:SourceArn": `arn:aws:logs:us-east-1:${ACCOUNT}:log-group:*` } },
    { StringEquals: { "aws:PrincipalAccount": ACCOUNT } },
];

/** Conditions that look like limits and are not: negated, …IfExists, ForAllValues, a bare *, any account, unrelated keys. */
const WEAK: object[] = [
    { StringNotEquals: { "kms:CallerAccount": "999999999999" } },
    { StringEqualsIfExists: { "aws:SourceAccount": ACCOUNT } },
    { "ForAllValues:StringEquals": { "aws:PrincipalOrgID": "o-a1b2c3d4e5" } },
    { StringLike: { "kms:CallerAccount": "*" } },
    { ArnLike: { "aws:PrincipalArn": "arn:aws:iam::*:role/admin" } },
    { StringEquals: { "aws:RequestedRegion": "us-east-1" } },
    { Bool: { "aws:SecureTransport": "true" } },
];

/** Grants that cover every KMS action, and how the message shows each. */
const ALL_KMS_GRANTS: Array<[object, string]> = [
    [{ Action: "*" }, "*"],
    [{ Action: ["kms:Decrypt", "KMS:*"] }, "KMS:*"],
    [{ Action: "km?:*" }, "km?:*"],
    [{ NotAction: "iam:*" }, "NotAction"],
];

/** Documents no policy can read: iam-policy-document-valid reports them; this policy stays silent and does not throw. */
const MALFORMED: unknown[] = ["{not json", "", 42, [], { Statement: 7 }, { Statement: [{ Effect: "allow", Principal: "*", Action: "kms:*" }] }, huge(), "{".repeat(200000)];

/** A hostile key policy: 60 statements that each allow everyone. A preview shows 20 and counts the rest. */
const SIXTY = JSON.stringify({ Version: "2012-10-17", Statement: Array.from({ length: 60 }, (_, i) => ({ Effect: "Allow", Sid: `s${i}`, Principal: { AWS: "*" }, Action: "kms:Decrypt" })) });

testPolicy(kmsKeyPolicy, {
    type: KMS_KEY,
    valid: [
        { title: "the standard key policy: root kms:*, a named user, a real regional service", props: { policy: doc(rootAdmin, use({ AWS: APP_ROLE }), use({ Service: "logs.us-east-1.amazonaws.com" })) } },
        { title: "root named by its account id", props: { policy: doc({ ...rootAdmin, Principal: { AWS: ACCOUNT } }) } },
        { title: "bypassPolicyLockoutSafetyCheck: false", props: { policy: doc(rootAdmin), bypassPolicyLockoutSafetyCheck: false } },
        { title: "no policy at all", props: {} },
        ...REPLICAS.map((type) => ({ title: `${type}: the root statement`, type, props: { policy: doc(rootAdmin) } })),
        { title: "a fixed-account principal, twin of the partial wildcard", props: { policy: doc(rootAdmin, use({ AWS: APP_ROLE })) } },
        ...LIMITING.map((Condition) => ({ title: `Principal "*" limited by ${JSON.stringify(Condition)}`, props: { policy: doc(rootAdmin, use("*", { Condition })) } })),
        { title: "a Deny to everyone", props: { policy: doc(rootAdmin, { Effect: "Deny", Principal: "*", Action: "kms:*", Resource: "*" }) } },
        { title: "wildcards that cover only some KMS actions", props: { policy: doc(use({ AWS: APP_ROLE }, { Action: ["kms:Describe*", "kms:Get*", "kms:List*", "kms:GenerateDataKey*", "kms:ReEncrypt*"] })) } },
        { title: "a NotAction that leaves KMS out", props: { policy: doc(use({ AWS: APP_ROLE }, { Action: undefined, NotAction: "kms:*" })) } },
        { title: "extraServicePrincipals accepts a principal outside the catalog", props: { policy: invented }, config: { extraServicePrincipals: ["aiforecasts.amazonaws.com"] } },
        ...MALFORMED.map((policy) => ({ title: `a malformed document: ${JSON.stringify(policy).slice(0, 40)}`, props: { policy } })),
        { title: "bypassPolicyLockoutSafetyCheck that is not true", props: { policy: doc(rootAdmin), bypassPolicyLockoutSafetyCheck: "yes" } },
    ],
    invalid: [
        {
            title: "aws.kms.KeyPolicy: the bypass and a Principal * statement",
            type: KMS_KEY_POLICY,
            name,
            props: { keyId: "k", policy: doc(use("*")), bypassPolicyLockoutSafetyCheck: true },
            messages: [BYPASS, EVERYONE("statement 1", '"*"')],
            codes: ["lockout-check-bypassed", "everyone-unconditioned"],
        },
        ...REPLICAS.map((type) => ({
            title: `${type}: its own key policy`,
            type,
            name,
            props: { policy: doc(rootAdmin, use("*")), bypassPolicyLockoutSafetyCheck: true },
            messages: [BYPASS, EVERYONE("statement 2", '"*"')],
            codes: ["lockout-check-bypassed", "everyone-unconditioned"],
        })),
        {
            title: 'Principal "*" and {AWS: ["*"]} without a limiting condition',
            name,
            props: { policy: doc(rootAdmin, use("*"), use({ AWS: ["*"] }, { Sid: "Everyone" })) },
            messages: [EVERYONE("statement 2", '"*"'), EVERYONE('statement "Everyone"', '{"AWS":"*"}')],
            codes: ["everyone-unconditioned", "everyone-unconditioned"],
        },
        {
            title: "a partial wildcard principal (arn:aws:iam::*:root) is everyone (reading rules)",
            name,
            props: { policy: doc(rootAdmin, use({ AWS: "arn:aws:iam::*:root" })) },
            messages: [EVERYONE("statement 2", '{"AWS":"arn:aws:iam::*:root"}')],
            codes: ["everyone-unconditioned"],
        },
        ...WEAK.map((Condition) => ({
            title: `a condition that limits nothing: ${JSON.stringify(Condition)}`,
            name,
            props: { policy: doc(use("*", { Condition })) },
            messages: [EVERYONE("statement 1", '"*"')],
            codes: ["everyone-unconditioned"],
        })),
        {
            title: "NotPrincipal on Allow is everyone",
            name,
            props: { policy: doc({ Effect: "Allow", NotPrincipal: { AWS: APP_ROLE }, Action: "kms:Decrypt", Resource: "*" }) },
            messages: [EVERYONE("statement 1", '"NotPrincipal"')],
            codes: ["everyone-unconditioned"],
        },
        { title: "bypassPolicyLockoutSafetyCheck: true", name, props: { policy: doc(rootAdmin), bypassPolicyLockoutSafetyCheck: true }, messages: [BYPASS], codes: ["lockout-check-bypassed"] },
        {
            title: "kms:* to a principal other than the account root",
            name,
            props: { policy: doc(rootAdmin, { Sid: "App", Effect: "Allow", Principal: { AWS: [ROOT, APP_ROLE] }, Action: "kms:*", Resource: "*" }) },
            messages: [ALL_KMS('statement "App"', "kms:*", `"${APP_ROLE}"`)],
            codes: ["kms-all-to-non-root"],
        },
        {
            title: "in a secret key policy, the grant is not spelled out, nor the statement's Sid",
            name,
            props: { policy: secretWire(doc(rootAdmin, { Sid: "App", Effect: "Allow", Principal: { AWS: [ROOT, APP_ROLE] }, Action: "kms:*", Resource: "*" })) },
            messages: [`aiPipelineKey: policy statement 2: grants every KMS action to a principal other than the account root ("[secret]"). Fix: ${ADMIN_FIX}.`],
            codes: ["kms-all-to-non-root"],
        },
        ...ALL_KMS_GRANTS.map(([action, shown]) => ({
            title: `every KMS action by ${shown} to a service`,
            name,
            props: { policy: doc({ Effect: "Allow", Principal: { Service: "logs.amazonaws.com" }, Resource: "*", ...action }) },
            messages: [ALL_KMS("statement 1", shown, '"logs.amazonaws.com"')],
            codes: ["kms-all-to-non-root"],
        })),
        {
            title: "every non-root principal of a kms:* statement is listed, everyone included",
            name,
            props: { policy: doc({ Effect: "Allow", Principal: { AWS: ["*", APP_ROLE] }, Action: "kms:*", Resource: "*", Condition: { StringEquals: { "kms:CallerAccount": ACCOUNT } } }) },
            messages: [ALL_KMS("statement 1", "kms:*", `["*","${APP_ROLE}"]`)],
            codes: ["kms-all-to-non-root"],
        },
        { title: "a service principal that does not exist, next to a real regional one", name, props: { policy: invented }, messages: [INVENTED_FORECAST], codes: ["service-principal-invented"] },
        {
            title: "a secret key policy's invented service principal: no suggestion, which would spell out the secret (twin of the row above)",
            name,
            props: { policy: secretWire(invented) },
            messages: [
                "aiPipelineKey: policy statement 2: Principal.Service names a service principal that does not exist (\"[secret]\"). Fix: name the service's principal as AWS documents it (usually <service>.amazonaws.com), or add it to extraServicePrincipals if AWS launched it after this catalog was built.",
            ],
            codes: ["service-principal-invented"],
        },
        {
            title: "a statement with some malformed fields is judged on the well-formed ones",
            name,
            props: { policy: { Statement: [{ Effect: "Allow", Principal: { Service: ["x", 42] }, Action: 42 }] } },
            messages: [
                "aiPipelineKey: policy statement 1: Principal.Service names a service principal that does not exist (\"x\"). Fix: name the service's principal as AWS documents it (usually <service>.amazonaws.com), or add it to extraServicePrincipals if AWS launched it after this catalog was built.",
            ],
            codes: ["service-principal-invented"],
        },
        {
            title: "a secret key policy and bypass read like plain ones, without echoing the document's values",
            name,
            props: { policy: secretWire(doc(use("*"))), bypassPolicyLockoutSafetyCheck: secretWire(true) },
            messages: [BYPASS, EVERYONE("statement 1", '"[secret]"')],
            codes: ["lockout-check-bypassed", "everyone-unconditioned"],
        },
        {
            title: "60 statements that allow everyone: 20 findings and one that counts the rest",
            name: "key",
            props: { policy: SIXTY },
            messages: [
                ...Array.from({ length: 20 }, (_, i) => `key: policy statement "s${i}": allows every AWS principal, in any account, without a condition that limits the callers ({"AWS":"*"}). Fix: ${EVERYONE_FIX}.`),
                'key: policy: 40 more problems not shown ("60 in all"). Fix: fix the problems above and run the preview again.',
            ],
            codes: [...Array.from({ length: 20 }, () => "everyone-unconditioned"), "more-not-shown"],
        },
    ],
    preview: [
        { title: "an unknown policy and bypass", props: { policy: UNKNOWN, bypassPolicyLockoutSafetyCheck: UNKNOWN } },
        { title: "an unknown Condition on Principal *", props: { policy: document(use("*", { Condition: UNKNOWN })) } },
        { title: "an unknown AWS principal under kms:*", props: { policy: document(use({ AWS: UNKNOWN }, { Action: "kms:*" })) } },
        { title: "an unknown service principal", props: { policy: document(use({ Service: UNKNOWN })) } },
        { title: "an unknown Action", props: { policy: document({ Effect: "Allow", Principal: { AWS: APP_ROLE }, Action: UNKNOWN, Resource: "*" }) } },
    ],
    config: [
        {
            config: { extraServicePrincipals: "aiforecasts.amazonaws.com" },
            errors: ['kms-key-policy: config extraServicePrincipals must be an array of strings (got "aiforecasts.amazonaws.com"); using the default []. Fix: correct it in the policy pack config.'],
        },
    ],
});
