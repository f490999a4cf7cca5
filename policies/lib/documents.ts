/**
 * The one place that knows which properties of which resource types hold IAM policy documents,
 * and of which kind (POLICIES.md, IAM): identity policies, trust policies and key policies.
 * Every IAM-reading policy asks here, so a new document-bearing property is added once.
 */
import { DocumentKind, parseDocument } from "../core/iam/document";
import type { ParsedDocument } from "../core/iam/located";
import { managedPolicyDocument, managedPolicyName } from "../core/iam/managed-policies";
import { Path, Reading } from "./read";
import { derivedFrom, installWireTap } from "./wire-tap";
import {
    IAM_GROUP_POLICY,
    IAM_GROUP_POLICY_ATTACHMENT,
    IAM_POLICY,
    IAM_POLICY_ATTACHMENT,
    IAM_ROLE,
    IAM_ROLE_POLICY,
    IAM_ROLE_POLICY_ATTACHMENT,
    IAM_USER_POLICY,
    IAM_USER_POLICY_ATTACHMENT,
    KMS_EXTERNAL_KEY,
    KMS_KEY,
    KMS_KEY_POLICY,
    KMS_REPLICA_EXTERNAL_KEY,
    KMS_REPLICA_KEY,
    VAULT_AWS_SECRET_BACKEND_ROLE,
} from "./types";

interface Source {
    type: string;
    kind: DocumentKind;
    /** A top-level property holding one document, or a list property whose items hold one each. */
    property: string;
    itemProperty?: string;
    /** The property holds AWS managed policy ARNs (one, or a list), judged by the policies' real documents. */
    managed?: "one" | "list";
}

const SOURCES: readonly Source[] = [
    { type: IAM_POLICY, kind: "identity", property: "policy" },
    { type: IAM_ROLE_POLICY, kind: "identity", property: "policy" },
    { type: IAM_USER_POLICY, kind: "identity", property: "policy" },
    { type: IAM_GROUP_POLICY, kind: "identity", property: "policy" },
    { type: IAM_ROLE, kind: "identity", property: "inlinePolicies", itemProperty: "policy" },
    { type: VAULT_AWS_SECRET_BACKEND_ROLE, kind: "identity", property: "policyDocument" },
    // Attached AWS managed policies are identity documents too (POLICIES.md, IAM): their real document is judged.
    { type: IAM_ROLE, kind: "identity", property: "managedPolicyArns", managed: "list" },
    { type: VAULT_AWS_SECRET_BACKEND_ROLE, kind: "identity", property: "policyArns", managed: "list" },
    { type: IAM_ROLE_POLICY_ATTACHMENT, kind: "identity", property: "policyArn", managed: "one" },
    { type: IAM_USER_POLICY_ATTACHMENT, kind: "identity", property: "policyArn", managed: "one" },
    { type: IAM_GROUP_POLICY_ATTACHMENT, kind: "identity", property: "policyArn", managed: "one" },
    { type: IAM_POLICY_ATTACHMENT, kind: "identity", property: "policyArn", managed: "one" },
    { type: IAM_ROLE, kind: "trust", property: "assumeRolePolicy" },
    { type: KMS_KEY, kind: "key", property: "policy" },
    { type: KMS_KEY_POLICY, kind: "key", property: "policy" },
    // Imported-material and multi-Region replica keys carry their own key policy too.
    { type: KMS_EXTERNAL_KEY, kind: "key", property: "policy" },
    { type: KMS_REPLICA_KEY, kind: "key", property: "policy" },
    { type: KMS_REPLICA_EXTERNAL_KEY, kind: "key", property: "policy" },
];

// Findings on a secret document hide its values, which needs the engine's secret markers.
installWireTap();

/** More inline policies than this cannot fit IAM's 10,240-character aggregate limit for a role. */
const MAX_INLINE_POLICIES = 100;

/** The resource types that hold documents of any of these kinds, for a policy's `types`. */
export function documentTypes(kinds: readonly DocumentKind[]): string[] {
    return [...new Set(SOURCES.filter((s) => kinds.includes(s.kind)).map((s) => s.type))];
}

export type FoundDocument =
    /**
     * `property` labels where the document sits, for messages: "policy", "inlinePolicies[1].policy",
     * "managedPolicyArns[0] (AdministratorAccess)". `managed` names the AWS managed policy it is.
     */
    | { property: string; kind: DocumentKind; state: "known"; value: unknown; secret: boolean; managed?: string }
    | { property: string; kind: DocumentKind; state: "unknown" };

/** The attached AWS managed policies of a managed source: each known ARN the data has a document for. */
function managedDocuments(source: Source, reading: Reading): FoundDocument[] {
    if (reading.state !== "known") return [];
    const arns = source.managed === "list" ? (Array.isArray(reading.value) ? reading.value.slice(0, MAX_INLINE_POLICIES) : []) : [reading.value];
    const found: FoundDocument[] = [];
    arns.forEach((arn, i) => {
        const name = managedPolicyName(arn);
        const document = name === undefined ? undefined : managedPolicyDocument(arn);
        if (!name || !document) return;
        const at = source.managed === "list" ? `${source.property}[${i}]` : source.property;
        found.push({ property: `${at} (${name})`, kind: source.kind, state: "known", value: document, secret: false, managed: name });
    });
    return found;
}

/** The documents of the given kinds on a resource of `type`; absent properties are left out. */
export function documentsOf(type: string, read: (...path: Path) => Reading, kinds: readonly DocumentKind[]): FoundDocument[] {
    const found: FoundDocument[] = [];
    const add = (property: string, kind: DocumentKind, reading: Reading) => {
        if (reading.state === "known") found.push({ property, kind, state: "known", value: reading.value, secret: reading.secret });
        else if (reading.state === "unknown") found.push({ property, kind, state: "unknown" });
    };
    for (const source of SOURCES) {
        if (source.type !== type || !kinds.includes(source.kind)) continue;
        const reading = read(source.property);
        if (source.managed) {
            found.push(...managedDocuments(source, reading));
            continue;
        }
        if (!source.itemProperty) {
            add(source.property, source.kind, reading);
            continue;
        }
        if (reading.state === "unknown") found.push({ property: source.property, kind: source.kind, state: "unknown" });
        if (reading.state !== "known" || !Array.isArray(reading.value)) continue;
        const count = Math.min(reading.value.length, MAX_INLINE_POLICIES);
        for (let i = 0; i < count; i++) {
            const item = read(source.property, i, source.itemProperty);
            // `inlinePolicies: [{}]` is the provider's way to remove every inline policy: no document there.
            if (item.state === "known" && item.value === "") continue;
            add(`${source.property}[${i}].${source.itemProperty}`, source.kind, item);
        }
    }
    return found;
}

/** A resource as the document readers need it: its type, its props (what the parse is shared on) and its reader. */
export interface DocumentHolder {
    type: string;
    props: object;
    read: (...path: Path) => Reading;
}

/** The key of a resource's parsed documents of some kinds among the values derived from its props, one per kind list (the policies' constants: a handful). */
const keysByKinds = new Map<string, symbol>();

function parsedDocumentsKey(kinds: readonly DocumentKind[]): symbol {
    const name = kinds.join(",");
    let key = keysByKinds.get(name);
    if (!key) keysByKinds.set(name, (key = Symbol(`parsed ${name} documents`)));
    return key;
}

/**
 * `documentsOf`, parsed. Unknown documents come back as `{ok: "unknown"}`. Read and parsed once
 * per request and list of kinds, whichever policy asks first, and shared by the rest (three
 * policies read a role's identity documents); a document is parsed once whichever lists hold it
 * (parseDocument keeps its parse). Only the kinds asked for are parsed: a stack policy reading
 * the roles' identity documents does not parse their trust policies.
 */
export function parsedDocumentsOf(resource: DocumentHolder, kinds: readonly DocumentKind[]): readonly ParsedDocument[] {
    // The key names the kinds; every other input is the resource itself.
    const parsed = derivedFrom(resource.props, parsedDocumentsKey(kinds), parsedOf, { resource, kinds });
    // The same bag judged as another type (an in-process caller reusing it) has other documents.
    return parsed.type === resource.type ? parsed.documents : parsedOf({ resource, kinds }).documents;
}

function parsedOf({ resource, kinds }: { resource: DocumentHolder; kinds: readonly DocumentKind[] }): { type: string; documents: ParsedDocument[] } {
    return { type: resource.type, documents: parseAll(resource.type, resource.read, kinds) };
}

function parseAll(type: string, read: (...path: Path) => Reading, kinds: readonly DocumentKind[]): ParsedDocument[] {
    return documentsOf(type, read, kinds).map((d) => ({
        property: d.property,
        kind: d.kind,
        parsed: d.state === "known" ? parseDocument(d.value) : { ok: "unknown" },
        secret: d.state === "known" && d.secret,
        ...(d.state === "known" && d.managed ? { managed: d.managed } : {}),
    }));
}
