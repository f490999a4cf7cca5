/**
 * Credentials in plaintext in compute configuration: environment variables, container
 * definitions, workflow definitions and instance user data. Pure data and functions, no Pulumi.
 *
 * A setting is a credential by its NAME (core/secrets.ts's tail rule and allow-list, the ones the
 * Vault policy uses, plus the words environment variables use for API keys: `OPENAI_API_KEY`,
 * `HF_APIKEY`, `BASIC_AUTH`) or by its VALUE (core/secret-patterns.ts: secretlint's token
 * formats). A value that references a secret store (a Secrets Manager or SSM ARN, a
 * `{{resolve:…}}` dynamic reference, a `${…}` or `$(…)` expansion, an SSM parameter name) is
 * not a credential.
 *
 * `COMPUTE_CREDENTIALS` is the one table of where each compute type keeps its settings;
 * test/aws/credentials-definitions.test.ts checks its paths against @pulumi/aws 7.48's types.
 */
import { Finding } from "./finding";
import { DataPath, leavesAt } from "./paths";
import { ValueMatch } from "./secret-patterns";
import { carriesCredential, nameWords, redacted, showPath } from "./secrets";
import { isUnknown } from "./wire";

/** How a block of settings is written: a `{NAME: value}` map, or a list of `{name, value}` (CodeBuild's with a `type`). */
export type EnvForm = "map" | "list";

export interface EnvSource {
    /** From the resource (or, with `json`, from the parsed JSON text of the property `path[0]`) to the block. Lists fan out. */
    path: readonly string[];
    form: EnvForm;
    /** The property at path[0] is JSON text (ECS container definitions, Batch properties); the rest of the path is inside it. */
    json?: boolean;
}

export interface TextSource {
    property: string;
    /** How the provider takes it: plain text, or base64 (launch templates, `userDataBase64`). */
    encoding: "text" | "base64";
}

export interface ComputeRow {
    type: string;
    /** The service resource, for messages: "Lambda function". */
    host: string;
    env?: readonly EnvSource[];
    /** JSON documents searched throughout, key names and values (Step Functions definitions). */
    documents?: readonly string[];
    text?: readonly TextSource[];
    fix: string;
}

const SECRET_STORE = "AWS Secrets Manager or an SSM Parameter Store SecureString";
const ECS_FIX = `move it from environment to the container's secrets, with valueFrom set to the ARN of ${SECRET_STORE}`;
/** Instances and launch configurations take user data as text or already base64-encoded; a launch template only encoded. */
const USER_DATA_TEXT_OR_BASE64: readonly TextSource[] = [
    { property: "userData", encoding: "text" },
    { property: "userDataBase64", encoding: "base64" },
];
const USER_DATA_FIX = `keep it in ${SECRET_STORE} and fetch it at boot under the instance role (aws secretsmanager get-secret-value, aws ssm get-parameter --with-decryption)`;

export const COMPUTE_CREDENTIALS: readonly ComputeRow[] = [
    {
        type: "aws:lambda/function:Function",
        host: "Lambda function",
        env: [{ path: ["environment", "variables"], form: "map" }],
        fix: `keep it in ${SECRET_STORE}, pass its name or ARN instead, and read it at run time (the AWS Parameters and Secrets Lambda extension caches it)`,
    },
    { type: "aws:ecs/taskDefinition:TaskDefinition", host: "ECS task definition", env: [{ path: ["containerDefinitions", "environment"], form: "list", json: true }], fix: ECS_FIX },
    {
        type: "aws:sagemaker/model:Model",
        host: "SageMaker model",
        env: [
            { path: ["primaryContainer", "environment"], form: "map" },
            { path: ["containers", "environment"], form: "map" },
        ],
        fix: `keep it in ${SECRET_STORE} and have the container read it at start under the model's execution role`,
    },
    {
        type: "aws:batch/jobDefinition:JobDefinition",
        host: "Batch job definition",
        env: [
            { path: ["containerProperties", "environment"], form: "list", json: true },
            { path: ["nodeProperties", "nodeRangeProperties", "container", "environment"], form: "list", json: true },
            { path: ["ecsProperties", "taskProperties", "containers", "environment"], form: "list", json: true },
            { path: ["eksProperties", "podProperties", "containers", "envs"], form: "list" },
        ],
        fix: `move it to the container's secrets, with valueFrom set to the ARN of ${SECRET_STORE}`,
    },
    {
        type: "aws:codebuild/project:Project",
        host: "CodeBuild project",
        env: [{ path: ["environment", "environmentVariables"], form: "list" }],
        fix: 'set its type to "SECRETS_MANAGER" (or "PARAMETER_STORE") and its value to the secret\'s name or ARN',
    },
    {
        type: "aws:apprunner/service:Service",
        host: "App Runner service",
        env: [
            { path: ["sourceConfiguration", "imageRepository", "imageConfiguration", "runtimeEnvironmentVariables"], form: "map" },
            { path: ["sourceConfiguration", "codeRepository", "codeConfiguration", "codeConfigurationValues", "runtimeEnvironmentVariables"], form: "map" },
        ],
        fix: `move it to runtimeEnvironmentSecrets, referencing the ARN of ${SECRET_STORE}`,
    },
    {
        type: "aws:sfn/stateMachine:StateMachine",
        host: "Step Functions state machine",
        documents: ["definition"],
        fix: "keep it in AWS Secrets Manager and fetch it in the workflow (arn:aws:states:::aws-sdk:secretsmanager:getSecretValue), or give HTTP tasks an EventBridge connection",
    },
    {
        type: "aws:ec2/instance:Instance",
        host: "EC2 instance",
        text: USER_DATA_TEXT_OR_BASE64,
        fix: USER_DATA_FIX,
    },
    { type: "aws:ec2/launchTemplate:LaunchTemplate", host: "launch template", text: [{ property: "userData", encoding: "base64" }], fix: USER_DATA_FIX },
    {
        type: "aws:ec2/launchConfiguration:LaunchConfiguration",
        host: "launch configuration",
        text: USER_DATA_TEXT_OR_BASE64,
        fix: USER_DATA_FIX,
    },
];

/**
 * Types the contract names that have no environment of their own in @pulumi/aws 7.48, with why;
 * the definitions test fails when one gains an environment input.
 */
export const NO_ENVIRONMENT: Readonly<Record<string, string>> = {
    "aws:sagemaker/endpointConfiguration:EndpointConfiguration": "an endpoint configuration names models; their container environment is on aws.sagemaker.Model, judged there",
};

export const COMPUTE_TYPES: readonly string[] = COMPUTE_CREDENTIALS.map((r) => r.type);

/** Word sequences environment variables use for credentials, beyond the property-name tails of core/secrets.ts. */
const ENV_CREDENTIAL_TAILS: readonly (readonly string[])[] = [["api", "key"], ["apikey"], ["auth"], ["authorization"], ["private", "token"]];

/** Whether a setting of this name carries a credential. */
export function isCredentialName(name: string): boolean {
    if (carriesCredential(name)) return true;
    if (name.length > 200) return false;
    const words = nameWords(name);
    return ENV_CREDENTIAL_TAILS.some((tail) => tail.length <= words.length && tail.every((w, i) => words[words.length - tail.length + i] === w));
}

/** Values that name or fetch a secret rather than hold one; flags and numbers, which hold none. */
export function isReferenceOrFlag(value: string): boolean {
    const v = value.trim();
    if (v === "" || /^(?:true|false|yes|no|on|off|null|none|\d+)$/i.test(v)) return true;
    if (v.startsWith("arn:") || v.startsWith("{{resolve:") || v.startsWith("${") || v.startsWith("$(")) return true;
    // An SSM parameter name (`/prod/openai/api-key`): a path, no spaces.
    return v.startsWith("/") && !/\s/.test(v);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * In AWS configuration a "secret id" names a Secrets Manager secret (`SecretId: "prod/openai"`);
 * only a Vault AppRole secret id, a UUID, is the credential itself.
 */
function namesASecret(setting: Setting): boolean {
    const words = nameWords(setting.name);
    return words[words.length - 2] === "secret" && words[words.length - 1] === "id" && !UUID.test(setting.value.trim());
}

/** One named setting as found: where it is, its name, its value, and whether it reached the engine as a secret. */
export interface Setting {
    path: DataPath;
    name: string;
    value: string;
    secret: boolean;
}

/** What is wrong, after the builder's `<path>: `: what the value is, and where it stays in plaintext. */
function plaintextProblem(what: string, host: string, secret: boolean): string {
    const where = `${what}, in plaintext in the ${host}'s settings`;
    return secret ? `${where}: a Pulumi secret only encrypts the state, and anyone who can read the ${host} sees it` : where;
}

/** Judges one setting: a credential by name, else by value. */
export function settingFinding(setting: Setting, host: string, fix: string, detect: (text: string) => ValueMatch | undefined): Finding | undefined {
    const shown = showPath(setting.path);
    if (isCredentialName(setting.name) && !isReferenceOrFlag(setting.value) && !namesASecret(setting)) {
        return { code: "credential-by-name", problem: plaintextProblem("a credential by its name", host, setting.secret), value: redacted(setting.value), fix, where: { path: shown } };
    }
    const match = detect(setting.value);
    if (match) return { code: "credential-by-value", problem: plaintextProblem(`${match.label} by its format`, host, setting.secret), value: redacted(setting.value), fix, where: { path: shown } };
    return undefined;
}

const isBag = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** The named settings in one block, as `form` writes them; CodeBuild's non-PLAINTEXT entries are references, not values. */
export function settingsIn(block: unknown, form: EnvForm, path: DataPath, secret: (path: DataPath) => boolean): Setting[] {
    const out: Setting[] = [];
    if (form === "map") {
        if (!isBag(block)) return out;
        for (const [name, value] of Object.entries(block).slice(0, MAX_SETTINGS)) {
            if (typeof value === "string" && !isUnknown(value)) out.push({ path: [...path, name], name, value, secret: secret([...path, name]) });
        }
        return out;
    }
    // A list fans out in `leavesAt`, so a "list" block arrives here one entry at a time.
    if (!isBag(block) || typeof block.name !== "string" || typeof block.value !== "string" || isUnknown(block.value)) return out;
    if (block.type !== undefined && block.type !== null && block.type !== "PLAINTEXT") return out;
    out.push({ path: [...path.slice(0, -1), block.name], name: block.name, value: block.value, secret: secret([...path, "value"]) });
    return out;
}

const MAX_SETTINGS = 10_000;

/** Largest JSON text parsed (a Step Functions definition is at most 1 MB; an ECS task definition 64 KiB). */
export const MAX_JSON_CHARS = 1024 * 1024;
const MAX_JSON_DEPTH = 64;
const MAX_JSON_VALUES = 50_000;

/**
 * Parses JSON text with the care the IAM documents get: a size cap, no throw (a nesting deep
 * enough to exhaust the parser's stack is a RangeError, caught), then a bounded walk that
 * refuses documents deeper or larger than any AWS accepts. Undefined when it does not parse.
 */
export function parseBoundedJson(text: string): unknown {
    if (text.length > MAX_JSON_CHARS) return undefined;
    let parsed: unknown;
    try {
        parsed = JSON.parse(text);
    } catch {
        return undefined;
    }
    let values = 0;
    const fits = (v: unknown, depth: number): boolean => {
        if (++values > MAX_JSON_VALUES || depth > MAX_JSON_DEPTH) return false;
        if (typeof v !== "object" || v === null) return true;
        return (Array.isArray(v) ? v : Object.values(v)).every((c) => fits(c, depth + 1));
    };
    return fits(parsed, 0) ? parsed : undefined;
}

/** The settings of every env block of a row, read through `top` (a top-level property's plain value). */
export function envSettings(row: ComputeRow, top: (property: string) => unknown, secretAt: (path: DataPath) => boolean): Setting[] {
    const out: Setting[] = [];
    for (const source of row.env ?? []) {
        const [first, ...rest] = source.path;
        let root = top(first);
        let secret = secretAt;
        if (source.json) {
            if (typeof root !== "string") continue;
            root = parseBoundedJson(root);
            // Inside JSON text, secret-ness is the whole property's.
            const whole = secretAt([first]);
            secret = () => whole;
        }
        for (const leaf of leavesAt(root, rest, [first])) {
            if (!leaf.unknown) out.push(...settingsIn(leaf.value, source.form, leaf.path, secret));
        }
        if (out.length > MAX_SETTINGS) break;
    }
    return out;
}

/** Every string in a JSON document with the key it sits under (list items inherit their list's key). */
export function documentSettings(document: unknown, base: DataPath, secret: boolean): Setting[] {
    const out: Setting[] = [];
    const visit = (v: unknown, path: DataPath, key: string) => {
        if (out.length >= MAX_SETTINGS) return;
        if (typeof v === "string") out.push({ path, name: key, value: v, secret });
        else if (Array.isArray(v)) v.forEach((c, i) => visit(c, [...path, i], key));
        else if (isBag(v)) for (const [k, c] of Object.entries(v)) visit(c, [...path, k], k);
    };
    visit(document, base, "");
    return out;
}

/** Longest user data read (EC2 accepts 16 KB; base64 and MIME multipart make it somewhat larger). */
const MAX_TEXT_CHARS = 256 * 1024;
const MAX_LINES = 10_000;

function isIdentifierChar(c: number, first: boolean): boolean {
    return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (!first && c >= 48 && c <= 57);
}

/** `NAME=value` (optionally after `export`, value optionally quoted), parsed by hand: no regex, no backtracking. */
export function assignmentIn(line: string): { name: string; value: string } | undefined {
    let s = line.trimStart();
    if (s.startsWith("export ")) s = s.slice(7).trimStart();
    let i = 0;
    while (i < s.length && isIdentifierChar(s.charCodeAt(i), i === 0)) i++;
    if (i === 0) return undefined;
    const name = s.slice(0, i);
    const rest = s.slice(i).trimStart();
    if (!rest.startsWith("=")) return undefined;
    let value = rest.slice(1).trim();
    if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value[value.length - 1] === value[0]) value = value.slice(1, -1);
    return { name, value };
}

/** Decodes base64 user data when it is base64 of text; otherwise (already text, or gzip) returns what it can read. */
export function userDataText(raw: string, encoding: TextSource["encoding"]): string {
    const text = raw.length > MAX_TEXT_CHARS ? raw.slice(0, MAX_TEXT_CHARS) : raw;
    if (encoding !== "base64" || !/^[A-Za-z0-9+/=\s]*$/.test(text)) return text;
    const decoded = Buffer.from(text, "base64").toString("utf8");
    // gzip or other binary: nothing to read.
    return decoded.includes("\uFFFD") ? "" : decoded;
}

/** The settings a script's lines make: each `NAME=value` assignment, and each other line as a nameless value. */
export function textSettings(text: string, property: string, secret: boolean): Setting[] {
    return text
        .split("\n", MAX_LINES)
        .map((line, i) => {
            const assignment = assignmentIn(line);
            const where: DataPath = [`${property} (line ${i + 1}${assignment ? `, ${assignment.name}` : ""})`];
            return assignment ? { path: where, name: assignment.name, value: assignment.value, secret } : { path: where, name: "", value: line, secret };
        })
        .filter((s) => s.value.trim() !== "");
}

/**
 * Judges a script or other free text line by line (so the message says where), then as a whole
 * when no line was flagged: a PEM block spans lines, and its format is only seen whole.
 */
export function textFindings(text: string, property: string, secret: boolean, host: string, fix: string, detect: (text: string) => ValueMatch | undefined): Finding[] {
    const findings = textSettings(text, property, secret)
        .map((s) => settingFinding(s, host, fix, detect))
        .filter((f): f is Finding => f !== undefined);
    if (findings.length > 0) return findings;
    const whole = settingFinding({ path: [property], name: "", value: text, secret }, host, fix, detect);
    return whole ? [whole] : [];
}
