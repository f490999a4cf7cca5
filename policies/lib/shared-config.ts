/**
 * Config fields that more than one policy offers, so they are declared once and mean the same
 * everywhere (an adapter may not import another adapter; see eslint.config.mjs).
 */
import { FieldSchema } from "./config";

/** iam-trusted-service-principals and kms-key-policy judge Principal.Service against the same catalog. */
export const extraServicePrincipalsField: FieldSchema = {
    type: "array",
    items: { type: "string" },
    description: "Service principals to accept beyond keyguard's catalog, e.g. of a service AWS launched after this release.",
    default: [],
};
