import { expect } from "chai";
import { analyzeResource } from "../../harness/in-process";
import { iamKmsLeastPrivilege } from "../../policies/iam/iam-kms-least-privilege";
import { iamLeastPrivilegeActions } from "../../policies/iam/iam-least-privilege-actions";
import { iamPolicyDocumentValid } from "../../policies/iam/iam-policy-document-valid";
import { iamTrustedServicePrincipals } from "../../policies/iam/iam-trusted-service-principals";
import { kmsKeyPolicy } from "../../policies/kms/kms-key-policy";
import { IAM_ROLE, IAM_ROLE_POLICY, KMS_KEY, KMS_KEY_POLICY, VAULT_AWS_SECRET_BACKEND_ROLE } from "../../policies/lib/types";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";
import { ALIAS_ARN, allow, badDocuments, BUCKET_ARN, doc, document, KEY_ARN, KEY_ID } from "./documents";

const name = "doc";
const TRUST = { Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } };
const KEY_POLICY = doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: "kms:*", Resource: "*" });
const OBJECT_FIX = "Fix: write the policy document as a JSON object with Version and Statement.";
const DEEP = 'doc: policy: policy document is nested deeper than any IAM document ("more than 32 levels"). Fix: write a policy document with Version and a list of Statement objects.';
const NOT_ARN_FIX = 'Fix: use "*" or a full ARN, e.g. arn:aws:kms:us-east-1:111122223333:key/….';
const BUCKET_TYPES = "accesspoint (arn:aws:s3:<Region>:<Account>:accesspoint/<AccessPointName>), bucket (arn:aws:s3:::<BucketName>)";
const OBJECT_TYPES = "accesspointobject (arn:aws:s3:<Region>:<Account>:accesspoint/<AccessPointName>/object/<ObjectName>), object (arn:aws:s3:::<BucketName>/<ObjectName>)";
const KEY_TYPE = "key (arn:aws:kms:<Region>:<Account>:key/<KeyId>)";
const DYNAMODB_TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/features";
const dead = (entry: string, types: string, statement = "statement 1") =>
    `doc: policy ${statement}: names an action that none of the statement's Resources can reach, so the grant is dead ("${entry}"). Fix: give it a Resource of a type it applies to: ${types}.`;
const unreached = (where: string, actions: string, arn: string) => `${where} statement 1: Resource matches none of the statement's actions (${actions}), so IAM ignores it ("${arn}"). Fix: move it to a statement whose actions apply to it, or remove it.`;

/** The parser's own words for a text that is not JSON (they differ between Node versions): the message shows them, cut to 120 characters. */
function jsonError(text: string): string {
    try {
        JSON.parse(text);
    } catch (e) {
        return (e as Error).message.slice(0, 120);
    }
    throw new Error(`${text} is JSON`);
}
const NOT_JSON = (text: string) => `doc: policy: policy document is not valid JSON (${JSON.stringify(jsonError(text))}). Fix: write the policy document as valid JSON (build it with JSON.stringify or aws.iam.getPolicyDocument).`;

const bad = new Map(badDocuments());
const ONE_MB = bad.get("a 1 MB document") as string;
/** Each unreadable document, its one exact message and code. */
const UNREADABLE: Record<string, [string, string]> = {
    "not JSON": [NOT_JSON(bad.get("not JSON") as string), "document-not-json"],
    "a number": [`doc: policy: policy document is a number, not a JSON object (42). ${OBJECT_FIX}`, "document-not-object"],
    "a list": [`doc: policy: policy document is a list, not a JSON object ("a list of 1"). ${OBJECT_FIX}`, "document-not-object"],
    "no Statement": ['doc: policy: policy document has no Statement ("Version"). Fix: add a Statement list with at least one statement.', "statement-missing"],
    "Statement of the wrong type": ['doc: policy: Statement is a string, not a statement or a list of statements ("kms:*"). Fix: set Statement to a list of statement objects.', "statement-wrong-type"],
    "a 1 MB document": [
        `doc: policy: policy document is larger than AWS accepts for a customer policy ("${ONE_MB.length} characters"). Fix: write a policy document of at most 32 KB (IAM allows 6,144 characters for a managed policy, KMS 32 KB for a key policy).`,
        "document-too-large",
    ],
    "deeply nested JSON": [DEEP, "document-too-deep"],
    "a deeply nested object": [DEEP, "document-too-deep"],
};

/** A Role's inline policy with 30 bad statements: 20 findings shown and one that counts the rest. */
const THIRTY = doc(...Array.from({ length: 30 }, () => allow("kms:Decrypt", KEY_ID)));

testPolicy(iamPolicyDocumentValid, {
    type: IAM_ROLE_POLICY,
    valid: [
        { title: "a well-formed identity policy", props: { policy: doc(allow(["kms:Decrypt", "kms:GenerateDataKey*"], KEY_ARN), allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow("s3:ListBucket", BUCKET_ARN)) } },
        { title: "a well-formed trust policy", type: IAM_ROLE, props: { assumeRolePolicy: doc(TRUST) } },
        { title: "a well-formed key policy", type: KMS_KEY, props: { policy: KEY_POLICY } },
        { title: "a well-formed aws.kms.KeyPolicy, as an object", type: KMS_KEY_POLICY, props: { policy: JSON.parse(KEY_POLICY) as unknown } },
        { title: "wildcard actions, * and typos leave the reach open", props: { policy: doc(allow("s3:*", [BUCKET_ARN, `${BUCKET_ARN}/*`]), allow(["*"], KEY_ARN), allow(["s3:GetObjekt"], KEY_ARN)) } },
        { title: "a renamed service answers to both prefixes (AWSProtonDeveloperAccess)", props: { policy: doc(allow("codestar-connections:PassConnection", "arn:aws:codeconnections:*:*:connection/*")) } },
        { title: "an action the data lists without resource types, scoped all the same (AWSCloud9Administrator)", props: { policy: doc(allow("ssmmessages:OpenDataChannel", "arn:aws:ssm:*:*:session/*")) } },
        { title: "a resource type the data lacks within a service (ELB v2 target groups)", props: { policy: doc(allow("elasticloadbalancing:AddTags", "arn:aws:elasticloadbalancing:*:*:targetgroup/app*/*")) } },
        { title: "an empty inline policy block (the provider's way to remove them all) holds no document", type: IAM_ROLE, props: { assumeRolePolicy: doc(TRUST), inlinePolicies: [{ name: "", policy: "" }] } },
        { title: "seed 003's twin: object and bucket actions each on their own resource", props: { policy: doc(allow(["s3:GetObject", "s3:PutObject"], `${BUCKET_ARN}/*`), allow("s3:ListBucket", BUCKET_ARN)) } },
        { title: "s3:GetObject on object keys", props: { policy: doc(allow("s3:GetObject", `${BUCKET_ARN}/models/*`)) } },
        { title: "s3:GetObject on a bucket-name pattern, which may reach objects", props: { policy: doc(allow("s3:GetObject", "arn:aws:s3:::ai-model-*")) } },
        { title: "kms:Decrypt on the key next to kms:CreateAlias on the alias", props: { policy: doc(allow(["kms:Decrypt", "kms:CreateAlias"], [KEY_ARN, ALIAS_ARN])) } },
        { title: "object and bucket actions on objects and the bucket", props: { policy: doc(allow(["s3:GetObject", "s3:ListBucket"], [`${BUCKET_ARN}/*`, BUCKET_ARN])) } },
        { title: "an action without resource types on an ARN of its service (s3)", props: { policy: doc(allow("s3:ListAllMyBuckets", "arn:aws:s3:::*")) } },
        { title: "an action without resource types on an ARN of its service (logs)", props: { policy: doc(allow("logs:DescribeLogGroups", "arn:aws:logs:*:*:log-group:*")) } },
        { title: "DynamoDB query on the table and its indexes", props: { policy: doc(allow(["dynamodb:Query"], [DYNAMODB_TABLE, `${DYNAMODB_TABLE}/index/*`])) } },
        { title: "outside the typed services only the service is compared", props: { policy: doc(allow("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs/odd")) } },
        { title: "a retired service with no near miss is not flagged", props: { policy: doc(allow("deepracer:ListModels", "*")) } },
        { title: "a near miss in an identity document is iam-least-privilege-actions' finding", props: { policy: doc(allow("kms:Decrpyt", KEY_ARN)) } },
        { title: "s3:ListBucket on the bucket", props: { policy: doc(allow("s3:ListBucket", BUCKET_ARN)) } },
        { title: "an attached AWS managed policy is AWS's document, not the program's (its dead grant included)", type: IAM_ROLE, props: { managedPolicyArns: ["arn:aws:iam::aws:policy/service-role/AmazonEC2RoleforAWSCodeDeployLimited"] } },
    ],
    invalid: [
        ...badDocuments().map(([what, input]) => ({ title: `one clear message for an unreadable document: ${what}`, name, props: { policy: input }, messages: [UNREADABLE[what][0]], codes: [UNREADABLE[what][1]] })),
        { title: "a document that is not JSON, the parser's error shown", name, props: { policy: '{"Version": "2012-10-17", "Statement": [}' }, messages: [NOT_JSON('{"Version": "2012-10-17", "Statement": [}')], codes: ["document-not-json"] },
        { title: "an empty Statement list", name, props: { policy: JSON.stringify({ Version: "2012-10-17", Statement: [] }) }, messages: ['doc: policy: policy document has an empty Statement list ("a list of 0"). Fix: add at least one statement.'], codes: ["statement-list-empty"] },
        {
            title: "no Version",
            name,
            props: { policy: JSON.stringify({ Statement: [allow("kms:Decrypt")] }) },
            messages: ['doc: policy: Version is not set, so IAM reads the document in the 2008 language, where policy variables are plain text (not set). Fix: set Version: "2012-10-17".'],
            codes: ["version-missing"],
        },
        { title: "an old Version", name, props: { policy: JSON.stringify({ Version: "2008-10-17", Statement: [allow("kms:Decrypt")] }) }, messages: ['doc: policy: Version is not 2012-10-17 ("2008-10-17"). Fix: set Version: "2012-10-17".'], codes: ["version-old"] },
        {
            title: "an Effect that is not Allow or Deny, and none",
            name,
            props: { policy: doc({ Sid: "Use", Effect: "allow", Action: "kms:Decrypt", Resource: KEY_ARN }, { Action: "kms:Decrypt", Resource: KEY_ARN }) },
            messages: [
                'doc: policy statement "Use": Effect is neither Allow nor Deny ("allow"). Fix: set Effect to "Allow" or "Deny" (case-sensitive).',
                'doc: policy statement 2: has no Effect (not set). Fix: set Effect to "Allow" or "Deny" (case-sensitive).',
            ],
            codes: ["effect-invalid", "effect-invalid"],
        },
        {
            title: "seed 001: a Resource that is not * or an ARN (a bare key id), and a short ARN",
            name,
            props: { policy: doc(allow(["kms:Encrypt", "kms:Decrypt"], KEY_ID), allow("s3:GetObject", "arn:aws:s3:us-east-1")) },
            messages: [`doc: policy statement 1: Resource is not an ARN ("${KEY_ID}"). ${NOT_ARN_FIX}`, `doc: policy statement 2: Resource does not have the six parts arn:partition:service:region:account:resource ("arn:aws:s3:us-east-1"). ${NOT_ARN_FIX}`],
            codes: ["resource-not-arn", "resource-not-arn"],
        },
        {
            title: "in a secret document, a malformed ARN's reason does not quote the part that is wrong (an account id is the secret's text)",
            name,
            props: { policy: secretWire(doc(allow("kms:Decrypt", "arn:aws:kms:us-east-1:12345:key/x"))) },
            messages: [`doc: policy statement 1: Resource is not a well-formed ARN ("[secret]"). ${NOT_ARN_FIX}`],
            codes: ["resource-not-arn"],
        },
        {
            title: "an identity policy with a Principal and no Resource",
            name,
            props: { policy: doc({ Effect: "Allow", Action: "kms:Decrypt", Principal: "*" }) },
            messages: [
                'doc: policy statement 1: has a Principal, which an identity policy cannot have (the principal is whoever holds the policy) ("Principal"). Fix: remove Principal, or move the statement to a resource or trust policy.',
                "doc: policy statement 1: has no Resource, which an identity policy needs (not set). Fix: set Resource to the ARNs the statement applies to.",
            ],
            codes: ["principal-in-identity-policy", "resource-missing"],
        },
        {
            title: "a trust policy without Principal and with a Resource",
            type: IAM_ROLE,
            name,
            props: { assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }) },
            messages: [
                'doc: assumeRolePolicy statement 1: has no Principal, which a trust policy needs (not set). Fix: name who may assume the role in Principal (e.g. {"Service": "ec2.amazonaws.com"}).',
                'doc: assumeRolePolicy statement 1: has a Resource, which a trust policy cannot have (the resource is the role itself) ("Resource"). Fix: remove Resource from the trust policy.',
            ],
            codes: ["principal-missing", "resource-in-trust-policy"],
        },
        {
            title: "a key policy without Resource",
            type: KMS_KEY,
            name,
            props: { policy: doc({ Effect: "Allow", Action: "kms:*", Principal: { AWS: "arn:aws:iam::111122223333:root" } }) },
            messages: ['doc: policy statement 1: has no Resource, which a key policy needs (not set). Fix: set Resource: "*" (in a key policy it means this key).'],
            codes: ["resource-missing"],
        },
        {
            title: "wrongly typed elements and malformed actions",
            name,
            props: { policy: doc({ Effect: "Allow", Action: ["kmsDecrypt", 7], Resource: KEY_ARN, Conditon: {} }) },
            messages: [
                'doc: policy statement 1: has an element IAM does not know ("Conditon"). Fix: remove it or use one of Sid, Effect, Action, NotAction, Resource, NotResource, Principal, NotPrincipal, Condition (names are case-sensitive).',
                "doc: policy statement 1: Action holds a number, not a string (7). Fix: write Action as a string or a list of strings.",
                'doc: policy statement 1: has an action that is not of the form service:action ("kmsDecrypt"). Fix: write actions as "service:Action", e.g. "kms:Decrypt".',
            ],
            codes: ["unknown-element", "element-not-string", "action-malformed"],
        },
        {
            title: "a Sid used twice",
            name,
            props: { policy: doc({ Sid: "Use", ...allow("kms:Decrypt") }, { Sid: "Use", ...allow("kms:Encrypt") }) },
            messages: ['doc: policy statement 2: repeats the Sid of an earlier statement, which IAM rejects ("Use"). Fix: give each statement its own Sid.'],
            codes: ["sid-repeated"],
        },
        {
            title: "every document of a Role is judged, and what one document reports is capped",
            type: IAM_ROLE,
            name: "r",
            props: { assumeRolePolicy: doc(TRUST), inlinePolicies: [{ name: "many", policy: THIRTY }] },
            messages: [
                ...Array.from({ length: 20 }, (_, i) => `r: inlinePolicies[0].policy statement ${i + 1}: Resource is not an ARN ("${KEY_ID}"). ${NOT_ARN_FIX}`),
                'r: inlinePolicies[0].policy: 10 more problems not shown ("30 in all"). Fix: fix the problems above and run the preview again.',
            ],
            codes: [...Array.from({ length: 20 }, () => "resource-not-arn"), "more-not-shown"],
        },
        // Resource types per action, dead grants and unknown actions (issue 12).
        {
            title: "seed 003: s3:ListBucket on bucket/* only, next to its ignored key ARN",
            type: VAULT_AWS_SECRET_BACKEND_ROLE,
            name: "ai-app-role",
            props: { policyDocument: doc(allow(["s3:GetObject", "s3:PutObject", "s3:ListBucket"], [`${BUCKET_ARN}/*`, KEY_ARN])), credentialType: "iam_user" },
            messages: [
                unreached("ai-app-role: policyDocument", "s3:GetObject, s3:PutObject, s3:ListBucket", KEY_ARN),
                `ai-app-role: policyDocument statement 1: names an action that none of the statement's Resources can reach, so the grant is dead ("s3:ListBucket"). Fix: give it a Resource of a type it applies to: ${BUCKET_TYPES}.`,
            ],
            codes: ["resource-unreached", "dead-grant"],
        },
        { title: "s3:GetObject on the bucket ARN: objects are bucket/key", name, props: { policy: doc(allow("s3:GetObject", BUCKET_ARN)) }, messages: [dead("s3:GetObject", OBJECT_TYPES)], codes: ["dead-grant"] },
        { title: "kms:Decrypt on an alias ARN: IAM authorizes it against the key", name, props: { policy: doc(allow("kms:Decrypt", ALIAS_ARN)) }, messages: [dead("kms:Decrypt", KEY_TYPE)], codes: ["dead-grant"] },
        {
            title: "a Resource that matches the service but none of the actions' types",
            name,
            props: { policy: doc(allow(["s3:GetObject", "s3:PutObject"], [`${BUCKET_ARN}/*`, BUCKET_ARN])) },
            messages: [unreached("doc: policy", "s3:GetObject, s3:PutObject", BUCKET_ARN)],
            codes: ["resource-unreached"],
        },
        {
            title: "in a secret document, the unreached Resource's actions are not listed, nor a dead grant's resource types",
            name,
            props: { policy: secretWire(doc(allow(["s3:GetObject", "s3:PutObject"], [`${BUCKET_ARN}/*`, BUCKET_ARN]), allow("s3:GetObject", BUCKET_ARN))) },
            messages: [
                `doc: policy statement 1: Resource matches none of the statement's actions, so IAM ignores it ("[secret]"). Fix: move it to a statement whose actions apply to it, or remove it.`,
                `doc: policy statement 2: names an action that none of the statement's Resources can reach, so the grant is dead ("[secret]"). Fix: give it a Resource of a type it applies to.`,
            ],
            codes: ["resource-unreached", "dead-grant"],
        },
        {
            title: "an action without resource types reaches only ARNs of its service",
            name,
            props: { policy: doc(allow(["s3:ListAllMyBuckets", "s3:GetObject"], [`${BUCKET_ARN}/*`, KEY_ARN])) },
            messages: [unreached("doc: policy", "s3:ListAllMyBuckets, s3:GetObject", KEY_ARN)],
            codes: ["resource-unreached"],
        },
        {
            title: "DynamoDB tables and indexes are matched by their own types",
            name,
            props: { policy: doc(allow("dynamodb:PutItem", `${DYNAMODB_TABLE}/index/*`)) },
            messages: [dead("dynamodb:PutItem", "table (arn:aws:dynamodb:<Region>:<Account>:table/<TableName>)")],
            codes: ["dead-grant"],
        },
        {
            title: "an action that is not in the catalog at all, even without a close suggestion",
            name,
            props: { policy: doc(allow(["s3:HeadBucket", "s3:ListBucket"], BUCKET_ARN), allow("sagemaker:FrobnicateModelWeights", "*")) },
            messages: [
                'doc: policy statement 1: names an action IAM does not have, so it grants nothing ("s3:HeadBucket"). Fix: use s3:ListBucket: s3:HeadBucket is an API call that IAM authorizes with it.',
                'doc: policy statement 2: names an action IAM does not have, so it grants nothing ("sagemaker:FrobnicateModelWeights"). Fix: use an action of sagemaker from the AWS Service Authorization Reference (API calls are often authorized by another action); if AWS added it after keyguard\'s catalog was built, update keyguard or exempt this resource.',
            ],
            codes: ["unknown-action", "unknown-action"],
        },
        {
            title: "in a secret document, an unknown action's fix names nothing of it",
            name,
            props: { policy: secretWire(doc(allow(["s3:HeadBucket", "s3:ListBucket"], BUCKET_ARN))) },
            messages: ['doc: policy statement 1: names an action IAM does not have, so it grants nothing ("[secret]"). Fix: write the action as the AWS Service Authorization Reference names it.'],
            codes: ["unknown-action"],
        },
        {
            title: "a near miss in a key policy, which only this policy reads for actions",
            type: KMS_KEY,
            name,
            props: { policy: doc({ Sid: "Root", Effect: "Allow", Principal: { AWS: "arn:aws:iam::111122223333:root" }, Action: ["kms:*", "kms:Decrpyt"], Resource: "*" }) },
            messages: ['doc: policy statement "Root": names an action IAM does not have, so it grants nothing ("kms:Decrpyt"). Fix: use kms:Decrypt (did you mean it?).'],
            codes: ["unknown-action"],
        },
    ],
    preview: [
        { title: "an unknown document", props: { policy: UNKNOWN } },
        { title: "an unknown Version and Resource", props: { policy: { Version: UNKNOWN, Statement: [allow("kms:Decrypt", UNKNOWN)] } } },
        { title: "an unknown action and an unknown Effect", props: { policy: document(allow(["s3:GetObject", UNKNOWN], KEY_ARN), { Effect: UNKNOWN, Action: "x", Resource: "y" }) } },
        { title: "an unknown service principal in a trust policy", type: IAM_ROLE, props: { assumeRolePolicy: document({ ...TRUST, Principal: { Service: UNKNOWN } }) } },
    ],
});

describe("iam-policy-document-valid across the document readers", () => {
    it("is reported once across all five document-reading policies: unreadable documents and statements without a valid Effect", async () => {
        // The contract's reading rule: such a document is reported ONCE, by this policy; the others skip it and nothing throws.
        const readers = [iamKmsLeastPrivilege, iamLeastPrivilegeActions, iamTrustedServicePrincipals, iamPolicyDocumentValid, kmsKeyPolicy];
        const kinds: Array<[string, string, string]> = [
            [IAM_ROLE_POLICY, "policy", "identity"],
            [VAULT_AWS_SECRET_BACKEND_ROLE, "policyDocument", "identity (Vault)"],
            [IAM_ROLE, "assumeRolePolicy", "trust"],
            [KMS_KEY, "policy", "key"],
        ];
        const noValidEffect: Array<[string, unknown]> = [
            ["lower-case Effect", doc({ Effect: "allow", Principal: "*", Action: "kms:*", Resource: "*" })],
            ["no Effect", doc({ Principal: { Service: "aiforecasts.amazonaws.com" }, Action: "s3:*", Resource: "*" })],
        ];
        for (const [type, property, kind] of kinds) {
            for (const [what, input] of [...badDocuments(), ...noValidEffect]) {
                const outcome = await analyzeResource(readers, { type, name: "doc", props: { [property]: input } }, {});
                expect(outcome.diagnostics.map((d) => d.policy), `${kind}: ${what}`).to.deep.equal(["iam-policy-document-valid"]);
            }
            const lowerCase = await analyzeResource(readers, { type, name: "doc", props: { [property]: noValidEffect[0][1] } }, {});
            expect(lowerCase.diagnostics[0].message.split("\n").slice(1).join("\n"), kind).to.equal(
                `doc: ${property} statement 1: Effect is neither Allow nor Deny ("allow"). Fix: set Effect to "Allow" or "Deny" (case-sensitive).`,
            );
        }
    });
});
