import { iamLeastPrivilegeActions } from "../../policies/iam/iam-least-privilege-actions";
import { IAM_POLICY, IAM_ROLE, KMS_KEY, VAULT_AWS_SECRET_BACKEND_ROLE } from "../../policies/lib/types";
import { secretWire, testPolicy, UNKNOWN } from "../lib/policy-tester";
import { ADMIN_ATTACHMENTS, allow, badDocumentRows, BUCKET_ARN, doc, document, HARMLESS_ATTACHMENTS, KEY_ARN, REPLACE_ADMIN, ROOT_KEY_POLICY } from "./documents";

const name = "s3AccessPolicy";
const at = (statement: string) => `s3AccessPolicy: policy ${statement}:`;
const S3_WIDE = (where: string) => `${where} statement 1: grants every action of the s3 service ("s3:*"). Fix: list the s3 actions the workload needs instead.`;
const TRUST = doc({ Effect: "Allow", Action: "sts:*", Principal: { Service: "ec2.amazonaws.com" } });

testPolicy(iamLeastPrivilegeActions, {
    type: IAM_POLICY,
    valid: [
        { title: "named actions and partial wildcards", props: { policy: doc(allow(["s3:GetObject", "s3:Get*", "KMS:Decrypt"], `${BUCKET_ARN}/*`)) } },
        { title: "NotAction under Deny", props: { policy: doc({ Effect: "Deny", NotAction: "kms:Decrypt", Resource: KEY_ARN }) } },
        { title: "unknown actions and services with no near miss: retired or newer than the catalog", props: { policy: doc(allow(["deepracer:Add*", "budgets:UpdateBudget"], "*")) } },
        { title: "a Deny wildcard", props: { policy: doc({ Effect: "Deny", Action: "s3:*", Resource: "*" }) } },
        { title: "a key policy is not an identity document: its root kms:* is right there", type: KMS_KEY, props: { policy: ROOT_KEY_POLICY } },
        { title: "a trust policy is not an identity document", type: IAM_ROLE, props: { assumeRolePolicy: TRUST } },
        ...badDocumentRows(),
        { title: "a statement without Effect is left to iam-policy-document-valid", props: { policy: doc({ Action: "*", Resource: "*" }) } },
        ...HARMLESS_ATTACHMENTS,
    ],
    invalid: [
        {
            title: "seed 002: a service-wide wildcard (s3:*)",
            name,
            props: { policy: doc(allow("s3:*", [BUCKET_ARN, `${BUCKET_ARN}/*`]), allow("kms:Decrypt", KEY_ARN)) },
            messages: [S3_WIDE("s3AccessPolicy: policy")],
            codes: ["service-wide-wildcard"],
        },
        {
            title: "in a secret document, a service-wide wildcard is said without naming the service",
            name,
            props: { policy: secretWire(doc(allow("s3:*", [BUCKET_ARN, `${BUCKET_ARN}/*`]))) },
            messages: ['s3AccessPolicy: policy statement 1: grants every action of a service ("[secret]"). Fix: list the actions the workload needs instead.'],
            codes: ["service-wide-wildcard"],
        },
        {
            title: "the * action, and *:*",
            name,
            props: { policy: doc({ Sid: "Admin", Effect: "Allow", Action: ["*"], Resource: "*" }, allow("*:*", "*")) },
            messages: [
                `${at('statement "Admin"')} grants every action on every service ("*"). Fix: list the actions the workload needs.`,
                `${at("statement 2")} grants every action on every service ("*:*"). Fix: list the actions the workload needs.`,
            ],
            codes: ["every-action", "every-action"],
        },
        {
            title: "NotAction under Allow, next to one under Deny",
            name,
            props: { policy: doc({ Effect: "Allow", NotAction: ["iam:*", "organizations:*"], Resource: "*" }, { Effect: "Deny", NotAction: "kms:Decrypt", Resource: KEY_ARN }) },
            messages: [`${at("statement 1")} grants every action except those listed (NotAction under Allow) ("iam:*, organizations:*"). Fix: replace NotAction with an Action list of what the workload needs.`],
            codes: ["not-action-allow"],
        },
        {
            title: "a misspelt action gets the closest real one; one with nothing close is not flagged",
            name,
            props: { policy: doc(allow(["kms:Decrpyt", "kms:Frobnicate"], KEY_ARN)) },
            messages: [`${at("statement 1")} names an action IAM does not have, so it grants or denies nothing ("kms:Decrpyt"). Fix: use kms:Decrypt (did you mean it?).`],
            codes: ["unknown-action-near-miss"],
        },
        {
            title: "in a secret document, a misspelt action gets no suggestion (it is a near miss of the secret's text)",
            name,
            props: { policy: secretWire(doc(allow(["kms:Decrpyt"], KEY_ARN))) },
            messages: [`${at("statement 1")} names an action IAM does not have, so it grants or denies nothing ("[secret]"). Fix: write the action as the AWS Service Authorization Reference names it.`],
            codes: ["unknown-action-near-miss"],
        },
        {
            title: "an unknown service and a wildcard that matches nothing",
            name,
            props: { policy: doc(allow(["ksm:Decrypt", "kms:Frob*"], KEY_ARN)) },
            messages: [
                `${at("statement 1")} names a service IAM does not have, so it grants or denies nothing ("ksm:Decrypt"). Fix: use kms:Decrypt (did you mean the kms service?).`,
                `${at("statement 1")} is a wildcard that matches no action, so it grants or denies nothing ("kms:Frob*"). Fix: use a pattern that matches real kms actions.`,
            ],
            codes: ["unknown-service-near-miss", "wildcard-matches-nothing"],
        },
        {
            title: "a typo in a Deny silently denies nothing; the Deny's wildcard is fine",
            name,
            props: { policy: doc({ Effect: "Deny", Action: ["s3:*", "kms:ScheduleKeyDeleton"], Resource: "*" }) },
            messages: [`${at("statement 1")} names an action IAM does not have, so it grants or denies nothing ("kms:ScheduleKeyDeleton"). Fix: use kms:ScheduleKeyDeletion (did you mean it?).`],
            codes: ["unknown-action-near-miss"],
        },
        {
            title: "a Role's inline policy, not its trust policy",
            type: IAM_ROLE,
            name: "r",
            props: { assumeRolePolicy: TRUST, inlinePolicies: [{ name: "a", policy: doc(allow("s3:*", "*")) }] },
            messages: [S3_WIDE("r: inlinePolicies[0].policy")],
            codes: ["service-wide-wildcard"],
        },
        {
            title: "a Vault role's policyDocument, named in the message",
            type: VAULT_AWS_SECRET_BACKEND_ROLE,
            name: "v",
            props: { policyDocument: doc(allow("s3:*", "*")) },
            messages: [S3_WIDE("v: policyDocument")],
            codes: ["service-wide-wildcard"],
        },
        {
            title: "action names are case-insensitive: S3:* is a service-wide wildcard, KMS:DECRYPT a real action",
            name,
            props: { policy: doc(allow(["S3:*", "kms:decrypt", "KMS:DECRYPT"], "*")) },
            messages: [`${at("statement 1")} grants every action of the s3 service ("S3:*"). Fix: list the s3 actions the workload needs instead.`],
            codes: ["service-wide-wildcard"],
        },
        ...ADMIN_ATTACHMENTS.map(({ what, type, props, where }) => ({
            title: `attaching AdministratorAccess by ${what} is an inline * grant`,
            type,
            name: "attach",
            props,
            messages: [`attach: ${where} statement 1: grants every action on every service ("*"). Fix: ${REPLACE_ADMIN} list the actions the workload needs.`],
            codes: ["every-action"],
        })),
        {
            title: "a service-wide grant of an AWS managed policy (AmazonS3FullAccess)",
            type: IAM_ROLE,
            name: "r",
            props: { managedPolicyArns: ["arn:aws:iam::aws:policy/AmazonS3FullAccess"] },
            messages: [
                'r: managedPolicyArns[0] (AmazonS3FullAccess) statement 1: grants every action of the s3 service ("s3:*"). Fix: replace the AWS managed policy AmazonS3FullAccess with a customer-managed policy of your own, and in it list the s3 actions the workload needs instead.',
                'r: managedPolicyArns[0] (AmazonS3FullAccess) statement 1: grants every action of the s3-object-lambda service ("s3-object-lambda:*"). Fix: replace the AWS managed policy AmazonS3FullAccess with a customer-managed policy of your own, and in it list the s3-object-lambda actions the workload needs instead.',
            ],
            codes: ["service-wide-wildcard", "service-wide-wildcard"],
        },
    ],
    preview: [
        { title: "an unknown document", props: { policy: UNKNOWN } },
        { title: "unknown actions and resources", props: { policy: document(allow(UNKNOWN, "*"), allow(["s3:GetObject", UNKNOWN], UNKNOWN)) } },
        { title: "an unknown Effect", props: { policy: document({ Effect: UNKNOWN, Action: "*", Resource: "*" }) } },
        ...ADMIN_ATTACHMENTS.map(({ what, type }) => ({ title: `unknown ARNs on ${what}`, type, props: { managedPolicyArns: UNKNOWN, policyArns: [UNKNOWN], policyArn: UNKNOWN } })),
    ],
});
