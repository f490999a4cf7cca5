/**
 * Secrets Manager facts: which key encrypts a secret, how it is deleted, and where a secret
 * version holds its value. Pure, no Pulumi.
 * Source: AWS Secrets Manager User Guide, "Secret encryption and decryption" and "DeleteSecret".
 */
import { isRegionName } from "./aws-region";
import type { Finding } from "./finding";
import { isAwsManagedKeyReference, parseKeyReference } from "./kms";
import { plaintextValueFinding, SecretReading } from "./secrets";
import { isUnknown } from "./wire";

/** The key Secrets Manager uses when a secret names none. */
const SECRETSMANAGER_MANAGED_ALIAS = "alias/aws/secretsmanager";

/**
 * Why a secret's (or replica's) `kmsKeyId` does not name a customer-managed key, or undefined
 * when it does; a predicate for "secret …" or "replica in us-west-2 …". `undefined` means absent.
 */
function secretKeyProblem(kmsKeyId: unknown): string | undefined {
    if (kmsKeyId === undefined || (typeof kmsKeyId === "string" && kmsKeyId.trim() === "")) {
        return `has no kmsKeyId, so Secrets Manager uses the AWS managed key ${SECRETSMANAGER_MANAGED_ALIAS}`;
    }
    const ref = parseKeyReference(kmsKeyId);
    if (!ref) return "has a kmsKeyId that is not a KMS key id, key ARN, alias or alias ARN";
    if (isAwsManagedKeyReference(ref)) return "is encrypted with an AWS managed key, whose policy the org cannot control";
    return undefined;
}

/** A recovery window of 0 days deletes the secret at once, beyond recovery. */
function forcesImmediateDeletion(recoveryWindowInDays: unknown): boolean {
    return recoveryWindowInDays === 0 || recoveryWindowInDays === "0";
}

/** Replicas past this many are not judged: Secrets Manager allows far fewer, so more is hostile input. */
const MAX_REPLICAS = 100;

/** A replica as read: each value undefined when absent, the unknown sentinel when computed. */
interface Replica {
    kmsKeyId?: unknown;
    region?: unknown;
}

/** Where a replica sits, for the message: its Region when it names a well-formed one, else its index. */
function replicaLabel(region: unknown, index: number): string {
    return isRegionName(region) ? `replica in ${region}` : `replicas[${index}]`;
}

/**
 * secretsmanager-secret-cmk's rule: the secret and each replica under a customer-managed key, and
 * a recovery window that is not 0. Computed values (preview) are skipped, a computed replica list
 * or entry included; `replicas` is the list as read (anything but a list has no replicas to judge).
 */
export function secretCmkFindings(kmsKeyId: unknown, recoveryWindowInDays: unknown, replicas: unknown): Finding[] {
    const findings: Finding[] = [];
    if (!isUnknown(kmsKeyId)) {
        const problem = secretKeyProblem(kmsKeyId);
        if (problem) findings.push({ code: "no-customer-key", problem: `secret ${problem}`, value: kmsKeyId, fix: "set kmsKeyId to a customer-managed key's ARN (e.g. key.arn)" });
    }
    if (forcesImmediateDeletion(recoveryWindowInDays)) {
        findings.push({ code: "no-recovery-window", problem: "recoveryWindowInDays 0 deletes the secret at once, beyond recovery", value: recoveryWindowInDays, fix: "set recoveryWindowInDays from 7 to 30, or leave it unset (30 days)" });
    }
    const list: unknown[] = Array.isArray(replicas) ? replicas.slice(0, MAX_REPLICAS) : [];
    list.forEach((replica, i) => {
        if (isUnknown(replica)) return;
        const { kmsKeyId: key, region } = (typeof replica === "object" && replica !== null ? replica : {}) as Replica;
        if (isUnknown(key)) return;
        // An absent key reads as undefined whether the replica says null or leaves it out.
        const problem = secretKeyProblem(key ?? undefined);
        if (!problem) return;
        findings.push({ code: "replica-no-customer-key", problem: `${replicaLabel(region, i)} ${problem}`, value: key ?? undefined, fix: `set replicas[${i}].kmsKeyId to a customer-managed key's ARN in that region` });
    });
    return findings;
}

/** The properties of a secret version that hold its value. The write-only secretStringWo never reaches the state. */
export const SECRET_VALUE_PROPERTIES = ["secretString", "secretBinary"] as const;

export type SecretValueProperty = (typeof SECRET_VALUE_PROPERTIES)[number];

/**
 * secretsmanager-no-plaintext-value's rule: each value property that holds secret material
 * reached the engine as a secret. Returns the findings with the property each is about, which
 * remediation re-marks.
 */
export function plaintextSecretValues(readings: Readonly<Record<SecretValueProperty, SecretReading>>): { property: SecretValueProperty; finding: Finding }[] {
    return SECRET_VALUE_PROPERTIES.flatMap((property) => {
        const finding = plaintextValueFinding(property, readings[property]);
        return finding ? [{ property, finding }] : [];
    });
}
