/**
 * Secrets Manager facts: which key encrypts a secret and how it is deleted. Pure, no Pulumi.
 * Source: AWS Secrets Manager User Guide, "Secret encryption and decryption" and "DeleteSecret".
 */
import { isAwsManagedKeyReference, parseKeyReference } from "./kms";

/** The key Secrets Manager uses when a secret names none. */
const SECRETSMANAGER_MANAGED_ALIAS = "alias/aws/secretsmanager";

/**
 * Why a secret's (or replica's) `kmsKeyId` does not name a customer-managed key, or undefined
 * when it does; a predicate for "secret …" or "replica in us-west-2 …". `undefined` means absent.
 */
export function secretKeyProblem(kmsKeyId: unknown): string | undefined {
    if (kmsKeyId === undefined || (typeof kmsKeyId === "string" && kmsKeyId.trim() === "")) {
        return `has no kmsKeyId, so Secrets Manager uses the AWS managed key ${SECRETSMANAGER_MANAGED_ALIAS}`;
    }
    const ref = parseKeyReference(kmsKeyId);
    if (!ref) return "has a kmsKeyId that is not a KMS key id, key ARN, alias or alias ARN";
    if (isAwsManagedKeyReference(ref)) return "is encrypted with an AWS managed key, whose policy the org cannot control";
    return undefined;
}

/** A recovery window of 0 days deletes the secret at once, beyond recovery. */
export function forcesImmediateDeletion(recoveryWindowInDays: unknown): boolean {
    return recoveryWindowInDays === 0 || recoveryWindowInDays === "0";
}
