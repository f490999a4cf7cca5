/**
 * The findings of a resource's policy documents, each located by the property that holds its
 * document, capped per document and secret-safe: the one report step every IAM-reading policy
 * shares. The adapter reads the documents (lib/documents.ts); a core rule judges each one.
 */
import type { Finding } from "../finding";
import { DocumentKind, Parsed, inStatement } from "./document";

/** A document as read from a resource: where it sits, what kind it is, and how it parsed. */
export interface ParsedDocument {
    /** Where the document sits, for messages: "policy", "inlinePolicies[1].policy", "managedPolicyArns[0] (AdministratorAccess)". */
    property: string;
    kind: DocumentKind;
    parsed: Parsed;
    /** The document reached the engine as a secret: findings must not echo its values. */
    secret: boolean;
    /** The AWS managed policy this document is (attached by ARN), if it is one. */
    managed?: string;
}

/**
 * A rule's finding about one document. `whenSecret` is the wording to show instead when the
 * document is a secret, for a rule whose problem or fix names something taken from the document
 * (a near miss's suggested principal is most of the secret's text): the report step below, which
 * knows whether the document is a secret, picks the wording, as it hides `value`.
 */
export interface DocumentFinding extends Finding {
    whenSecret?: Partial<Pick<Finding, "problem" | "fix">>;
}

/** A rule's finding on one statement, with its wording for a secret document when it has one. */
export function statementFinding(label: string, code: string, problem: string, value: unknown, fix: string, whenSecret?: DocumentFinding["whenSecret"]): DocumentFinding {
    return { code, ...inStatement(label), problem, value, fix, ...(whenSecret ? { whenSecret } : {}) };
}

/** The fix for a misspelled action in a secret document: a suggestion would spell out the entry (a near miss of it). */
export const SECRET_ACTION_FIX = "write the action as the AWS Service Authorization Reference names it";

/** A hostile document can hold thousands of mistakes; a preview shows this many per document. */
const MAX_FINDINGS_PER_DOCUMENT = 20;

/**
 * `judge`'s findings for every document, each located by property (and the statement the rule
 * gave it), capped per document; a secret document's values are not shown. For an attached AWS
 * managed policy, whose document the program cannot change, the fix is to attach a narrower policy.
 */
export function documentFindings(documents: readonly ParsedDocument[], judge: (document: ParsedDocument) => readonly DocumentFinding[]): Finding[] {
    const out: Finding[] = [];
    for (const document of documents) {
        const findings = judge(document);
        // Most documents have nothing to say: nothing is built for them.
        if (findings.length === 0) continue;
        const { property, secret, managed } = document;
        const fixOf = (fix: string) => (managed ? `replace the AWS managed policy ${managed} with a customer-managed policy of your own, and in it ${fix}` : fix);
        const shown = Math.min(findings.length, MAX_FINDINGS_PER_DOCUMENT);
        for (let i = 0; i < shown; i++) {
            const { whenSecret, ...f } = findings[i];
            const { problem, fix } = secret ? { ...f, ...whenSecret } : f;
            const where = { ...f.where, path: property };
            if (secret && where.statement !== undefined) where.statement = positionalLabel(document.parsed, where.statement);
            out.push({ ...f, problem, value: secret ? "[secret]" : f.value, fix: fixOf(fix), where });
        }
        const more = findings.length - MAX_FINDINGS_PER_DOCUMENT;
        if (more > 0) out.push({ code: "more-not-shown", problem: `${more} more problems not shown`, value: `${findings.length} in all`, fix: "fix the problems above and run the preview again", where: { path: property } });
    }
    return out;
}

/**
 * A statement as a secret document's finding names it: by position, since a Sid (`statement
 * "PayrollKey"`) is part of the secret's text. A label that is no statement's stays as it is.
 */
function positionalLabel(parsed: Parsed, label: string): string {
    if (parsed.ok !== true) return label;
    for (const statement of parsed.statements) if (statement.label === label) return `statement ${statement.index + 1}`;
    return label;
}

/**
 * `judge`'s findings for the statements of every document that parsed. Unknown (preview) and
 * unparseable documents are skipped: iam-policy-document-valid reports the latter, once.
 */
export function statementFindings(documents: readonly ParsedDocument[], judge: (parsed: Extract<Parsed, { ok: true }>) => readonly DocumentFinding[]): Finding[] {
    return documentFindings(documents, (d) => (d.parsed.ok === true ? judge(d.parsed) : []));
}
