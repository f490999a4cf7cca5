/**
 * Secret-ness as a value property: which property names carry credentials, and where such
 * properties sit inside a (possibly nested) property bag. Pure data and functions, no Pulumi.
 *
 * The rule is name-based and looks at the END of a name, split into words (camelCase and
 * snake_case alike): `clientSecret`, `oidc_client_secret`, `bindpass`, `serviceAccountJwt`,
 * `privateKey`. Settings ABOUT a credential put a qualifier after the credential word
 * (`tokenTtl`, `tokenPolicies`, `secretIdNumUses`, `passwordPolicy`, `privateKeyFormat`), so
 * they never match. The few names that end in a credential word and still are not credentials
 * are listed in NOT_CREDENTIALS. test/core/secrets.test.ts checks the rule against every input
 * property name of @pulumi/vault 7.8.0.
 */
import type { Finding } from "./finding";
import { BoundedCache } from "./memo";

/** Word sequences that end a credential-carrying property name. */
const CREDENTIAL_TAILS: readonly (readonly string[])[] = [
    ["password"],
    ["passwd"],
    ["passphrase"],
    ["bindpass"], // LDAP bind password
    ["token"], // token, apiToken, accessToken, awsSessionToken
    ["secret"], // clientSecret, oidcClientSecret
    ["credentials"], // GCP/Azure service account JSON
    ["jwt"], // serviceAccountJwt, tokenReviewerJwt
    ["secret", "id"], // AppRole secret id
    ["private", "key"],
    ["secret", "key"], // AWS secret key, Duo secret key
    ["access", "key"], // AWS access key (and secretAccessKey)
    ["client", "key"], // TLS client key
    ["tls", "key"],
    ["certificate", "key"], // certificate + private key bundle
    ["account", "key"], // azureAccountKey, googleServiceAccountKey
    ["integration", "key"], // Duo integration key
    ["pem", "bundle"], // certificate + private key bundle
    ["pem", "json"],
    ["data", "json"], // kv / generic secret payloads
];

/**
 * Names that end like a credential but are not one: flags and switches about tokens and secret
 * ids. Settings that merely start with a credential word (tokenPolicies, tokenTtl, tokenMaxTtl,
 * tokenType, tokenBoundCidrs, secretIdTtl, secretIdNumUses, passwordPolicy, …) are not matched by
 * the tail rule in the first place; the tests pin that.
 */
export const NOT_CREDENTIALS: ReadonlySet<string> = new Set([
    "skipChildToken", // provider switch
    "setNamespaceFromToken", // provider switch
    "disableLocalCaJwt", // kubernetes auth switch
    "bindSecretId", // AppRole switch: require a secret id at login
    "useTokenGroups", // LDAP switch
    "authLoginTokenFile", // names a file path
    "authLoginJwt", // a provider login block: searched inside for its `jwt`, which may come from the environment instead
    "identityTokenKey", // names a Vault identity key, not key material
]);

/** Splits `oidcClientSecretWo` / `oidc_client_secret` into lower-case words. */
export function nameWords(name: string): string[] {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
        .replace(/[A-Z](?=[A-Z][a-z])/g, "$& ")
        .split(/[\s_\-.]+/)
        .filter((w) => w.length > 0)
        .map((w) => w.toLowerCase());
}

/** Write-only forms (`dataJsonWo`, `passwordWoVersion`) never reach state, so they are fine. */
export function isWriteOnlyName(name: string): boolean {
    const words = nameWords(name);
    const last = words[words.length - 1];
    return last === "wo" || (last === "version" && words[words.length - 2] === "wo");
}

/** Longer than any property name a provider has; a longer key is never a credential's name. */
const MAX_NAME_CHARS = 200;

/**
 * Answers by name: a stack repeats the same few hundred property names in every resource, and
 * splitting a name into words was the plaintext policies' largest cost.
 */
const credentialNames = new BoundedCache<boolean>(4096, MAX_NAME_CHARS);

/** Whether a property of this name carries credential material. */
export function carriesCredential(name: string): boolean {
    if (name.length > MAX_NAME_CHARS) return false;
    return credentialNames.get(name, () => carriesCredentialUncached(name));
}

/** `carriesCredential` without the cache, for tests that compare the two. */
export function carriesCredentialUncached(name: string): boolean {
    if (name.length > MAX_NAME_CHARS || NOT_CREDENTIALS.has(name) || isWriteOnlyName(name)) return false;
    const words = nameWords(name);
    return CREDENTIAL_TAILS.some((tail) => tail.length <= words.length && tail.every((w, i) => words[words.length - tail.length + i] === w));
}

/**
 * `scheme://user:password@host…`: a connection URL with a password in it is a credential whatever
 * its property is called (POLICIES.md, vault-no-plaintext-data). Vault's own templates
 * (`{{password}}`) and an empty password are not. Each class excludes the character after it, so
 * the match is linear.
 */
const URL_WITH_PASSWORD = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/@:\s]*:([^/@\s]+)@/;

export function hasUrlPassword(value: unknown): boolean {
    if (typeof value !== "string" || value.length > 4096) return false;
    const password = URL_WITH_PASSWORD.exec(value)?.[1];
    return password !== undefined && !/^\{\{[^{}]*\}\}$/.test(password);
}

/** Values that can hold secret material: a non-empty string, or a non-empty object or list. Flags and numbers cannot. */
function isSecretMaterial(value: unknown): boolean {
    if (typeof value === "string") return value.length > 0;
    if (Array.isArray(value)) return value.length > 0;
    return typeof value === "object" && value !== null && Object.keys(value).length > 0;
}

export type PropertyPath = (string | number)[];

/** Shows a path the way a program writes it: `authLoginUserpass.password`, `postgresql[0].password`. */
export function showPath(path: readonly (string | number)[]): string {
    return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? p : `.${p}`)).join("");
}

const MAX_DEPTH = 16;
const MAX_VISITS = 10_000;

/**
 * Paths of the credential-named properties in a plain property bag, outermost first. A matching
 * property is not searched further (its whole value is the credential). Bounded in depth and
 * breadth, so hostile nesting cannot blow the stack or the time budget.
 */
export function credentialPaths(props: unknown): PropertyPath[] {
    const found: PropertyPath[] = [];
    let visits = 0;
    // A path is built only for a finding or a container to search: most properties are neither.
    const visit = (key: string | number, child: unknown, path: PropertyPath, depth: number): boolean => {
        if (++visits > MAX_VISITS) return false;
        if ((typeof key === "string" && carriesCredential(key)) || hasUrlPassword(child)) found.push([...path, key]);
        else if (typeof child === "object" && child !== null) walk(child, [...path, key], depth + 1);
        return true;
    };
    const walk = (value: unknown, path: PropertyPath, depth: number): void => {
        if (depth > MAX_DEPTH || typeof value !== "object" || value === null) return;
        if (Array.isArray(value)) {
            for (let i = 0; i < value.length; i++) if (!visit(i, value[i] as unknown, path, depth)) return;
        } else {
            const record = value as Record<string, unknown>;
            for (const key of Object.keys(record)) if (!visit(key, record[key], path, depth)) return;
        }
    };
    walk(props, [], 0);
    return found;
}

/** Largest JSON text searched for credentials inside it (provider `authLogin*` blocks are small). */
const MAX_JSON_SCAN = 64 * 1024;

/**
 * Providers receive nested blocks as JSON text (`authLoginUserpass: '{"password": …}'`). Returns
 * the credentials inside such text, or [] when it is not a JSON object or is too large.
 */
export function credentialsInJson(text: string): { path: PropertyPath; value: unknown }[] {
    if (text.length > MAX_JSON_SCAN || !/^\s*[[{]/.test(text)) return [];
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return [];
    }
    return credentialPaths(parsed)
        .map((path) => ({ path, value: valueAt(parsed, path) }))
        .filter((c) => isSecretMaterial(c.value));
}

/** The value at a path of plain data, or undefined. */
function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
    let current = value;
    for (const key of path) {
        if (typeof current !== "object" || current === null) return undefined;
        current = (current as Record<string | number, unknown>)[key];
    }
    return current;
}

/** How a plaintext value is shown in a message: never the value itself, only its size. */
export function redacted(value: unknown): string {
    if (typeof value === "string") return `<${value.length} characters, redacted>`;
    return Array.isArray(value) ? `<list of ${value.length}, redacted>` : "<object, redacted>";
}

/** A property as the value reader sees it (see policies/lib/read.ts), restated so the core stays Pulumi-free. */
export type SecretReading = { state: "absent" | "unknown"; secret: boolean } | { state: "known"; value: unknown; secret: boolean };

/**
 * Judges one property: what is wrong when it holds secret material that reached the engine without
 * the secret marker. Unknown values are never judged: the Node SDK sends an unknown secret as the
 * bare unknown sentinel (@pulumi/pulumi runtime/rpc.js serializeProperty checks `isKnown` before
 * `isSecret`), so a preview cannot tell a future secret from a future plaintext; the update
 * judges the known value. Every "no plaintext" rule shares its code, value-not-secret.
 */
export function plaintextValueFinding(path: string, reading: SecretReading): Finding | undefined {
    if (reading.secret || reading.state !== "known" || !isSecretMaterial(reading.value)) return undefined;
    return {
        code: "value-not-secret",
        problem: `${path} is not a Pulumi secret, so it is stored in plaintext in the state`,
        value: redacted(reading.value),
        fix: `pass ${path} as a Pulumi secret: keep it in secret config (pulumi config set --secret) or Pulumi ESC and read it with config.requireSecret()`,
    };
}

/** A plaintext credential: its finding, and where it sits (remediation re-marks the property at `path[0]`). */
export interface PlaintextCredential {
    path: PropertyPath;
    finding: Finding;
}

/**
 * vault-no-plaintext-data's rule: every credential-named property of the bag (at any depth), and,
 * with `jsonBlocks` (the Vault provider, whose nested login blocks arrive as JSON text), every
 * credential inside a plaintext JSON-text property, must have reached the engine as a secret.
 * `readAt` reads a path as the engine sent it: its value and its secret marker.
 */
export function plaintextCredentials(props: unknown, readAt: (path: PropertyPath) => SecretReading, jsonBlocks: boolean): PlaintextCredential[] {
    if (typeof props !== "object" || props === null) return [];
    const out: PlaintextCredential[] = [];
    const judge = (path: PropertyPath, reading: SecretReading) => {
        const finding = plaintextValueFinding(showPath(path), reading);
        if (finding) out.push({ path, finding });
    };
    for (const path of credentialPaths(props)) judge(path, readAt(path));
    if (!jsonBlocks) return out;
    // authLogin, authLoginUserpass, … reach the provider as JSON text; a plaintext block with a credential inside leaks it.
    for (const [key, value] of Object.entries(props)) {
        if (typeof value !== "string" || readAt([key]).secret) continue;
        for (const inner of credentialsInJson(value)) judge([key, ...inner.path], { state: "known", value: inner.value, secret: false });
    }
    return out;
}
