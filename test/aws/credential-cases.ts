/**
 * The cases for aws-no-plaintext-credentials: for every row of the compute table, a compliant
 * resource and a typical leak with its exact message. Data only, so they move into the shared
 * table tester. Token-shaped values are built from parts, never real.
 */
export const OPENAI_KEY = `sk-proj-${"a".repeat(74)}T3BlbkFJ${"b".repeat(74)}`;
export const HF_TOKEN = `hf_${"q".repeat(34)}`;
export const GITHUB_TOKEN = `ghp_${"a".repeat(36)}`;

const STORE = "AWS Secrets Manager or an SSM Parameter Store SecureString";
const FIX = {
    lambda: `keep it in ${STORE}, pass its name or ARN instead, and read it at run time (the AWS Parameters and Secrets Lambda extension caches it)`,
    ecs: `move it from environment to the container's secrets, with valueFrom set to the ARN of ${STORE}`,
    sagemaker: `keep it in ${STORE} and have the container read it at start under the model's execution role`,
    batch: `move it to the container's secrets, with valueFrom set to the ARN of ${STORE}`,
    codebuild: 'set its type to "SECRETS_MANAGER" (or "PARAMETER_STORE") and its value to the secret\'s name or ARN',
    apprunner: `move it to runtimeEnvironmentSecrets, referencing the ARN of ${STORE}`,
    sfn: "keep it in AWS Secrets Manager and fetch it in the workflow (arn:aws:states:::aws-sdk:secretsmanager:getSecretValue), or give HTTP tasks an EventBridge connection",
    ec2: `keep it in ${STORE} and fetch it at boot under the instance role (aws secretsmanager get-secret-value, aws ssm get-parameter --with-decryption)`,
};
export const FIXES = FIX;

const base64 = (text: string) => Buffer.from(text).toString("base64");
const byName = (path: string, host: string, size: number, fix: string) => `res: ${path}: a credential by its name, in plaintext in the ${host}'s settings ("<${size} characters, redacted>"). Fix: ${fix}.`;
const byValue = (path: string, what: string, host: string, size: number, fix: string) => `res: ${path}: ${what} by its format, in plaintext in the ${host}'s settings ("<${size} characters, redacted>"). Fix: ${fix}.`;

export interface CredentialCase {
    type: string;
    /** What the case covers. */
    covers: string;
    valid: Record<string, unknown>;
    invalid: Record<string, unknown>;
    messages: string[];
}

const SECRET_ARN = "arn:aws:secretsmanager:us-east-1:111122223333:secret:openai-AbCdEf";

export const CREDENTIAL_CASES: readonly CredentialCase[] = [
    {
        type: "aws:lambda/function:Function",
        covers: "environment.variables",
        valid: { environment: { variables: { MODEL_ID: "gpt-4o", OPENAI_API_KEY_SECRET_ARN: SECRET_ARN } } },
        invalid: { environment: { variables: { MODEL_ID: "gpt-4o", OPENAI_API_KEY: "not-a-known-format-123" } } },
        messages: [byName("environment.variables.OPENAI_API_KEY", "Lambda function", 22, FIX.lambda)],
    },
    {
        type: "aws:ecs/taskDefinition:TaskDefinition",
        covers: "containerDefinitions (JSON) environment",
        valid: { containerDefinitions: JSON.stringify([{ name: "app", environment: [{ name: "MODEL", value: "m" }], secrets: [{ name: "HF_TOKEN", valueFrom: "arn:aws:ssm:us-east-1:111122223333:parameter/hf" }] }]) },
        invalid: { containerDefinitions: JSON.stringify([{ name: "app", environment: [{ name: "MODEL", value: "m" }, { name: "HF_TOKEN", value: HF_TOKEN }] }]) },
        messages: [byName("containerDefinitions[0].environment.HF_TOKEN", "ECS task definition", 37, FIX.ecs)],
    },
    {
        type: "aws:sagemaker/model:Model",
        covers: "primaryContainer.environment",
        valid: { primaryContainer: { image: "i", environment: { HF_MODEL_ID: "meta-llama/Llama-3-8B" } } },
        invalid: { primaryContainer: { image: "i", environment: { HUGGING_FACE_HUB_TOKEN: HF_TOKEN } } },
        messages: [byName("primaryContainer.environment.HUGGING_FACE_HUB_TOKEN", "SageMaker model", 37, FIX.sagemaker)],
    },
    {
        type: "aws:sagemaker/model:Model",
        covers: "containers[].environment",
        valid: { containers: [{ image: "i", environment: { SAGEMAKER_PROGRAM: "serve.py" } }] },
        invalid: { containers: [{ image: "i", environment: { SAGEMAKER_PROGRAM: "serve.py" } }, { image: "j", environment: { SETTINGS: OPENAI_KEY } }] },
        messages: [byValue("containers[1].environment.SETTINGS", "an OpenAI credential", "SageMaker model", 164, FIX.sagemaker)],
    },
    {
        type: "aws:batch/jobDefinition:JobDefinition",
        covers: "containerProperties (JSON) environment",
        valid: { containerProperties: JSON.stringify({ image: "i", environment: [{ name: "EPOCHS", value: "3" }] }) },
        invalid: { containerProperties: JSON.stringify({ image: "i", environment: [{ name: "DB_PASSWORD", value: "hunter2" }] }) },
        messages: [byName("containerProperties.environment.DB_PASSWORD", "Batch job definition", 7, FIX.batch)],
    },
    {
        type: "aws:batch/jobDefinition:JobDefinition",
        covers: "nodeProperties (JSON) container environment",
        valid: { nodeProperties: JSON.stringify({ nodeRangeProperties: [{ targetNodes: "0:", container: { environment: [{ name: "WORLD_SIZE", value: "4" }] } }] }) },
        invalid: { nodeProperties: JSON.stringify({ nodeRangeProperties: [{ targetNodes: "0:", container: { environment: [{ name: "WANDB_API_KEY", value: "0123456789abcdef" }] } }] }) },
        messages: [byName("nodeProperties.nodeRangeProperties[0].container.environment.WANDB_API_KEY", "Batch job definition", 16, FIX.batch)],
    },
    {
        type: "aws:batch/jobDefinition:JobDefinition",
        covers: "ecsProperties (JSON) task containers' environment",
        valid: { ecsProperties: JSON.stringify({ taskProperties: [{ containers: [{ image: "i", environment: [{ name: "STAGE", value: "train" }] }] }] }) },
        invalid: { ecsProperties: JSON.stringify({ taskProperties: [{ containers: [{ image: "i", environment: [{ name: "COMMIT", value: GITHUB_TOKEN }] }] }] }) },
        messages: [byValue("ecsProperties.taskProperties[0].containers[0].environment.COMMIT", "a GitHub credential", "Batch job definition", 40, FIX.batch)],
    },
    {
        type: "aws:batch/jobDefinition:JobDefinition",
        covers: "eksProperties pod containers' envs",
        valid: { eksProperties: { podProperties: { containers: [{ image: "i", envs: [{ name: "STAGE", value: "train" }] }] } } },
        invalid: { eksProperties: { podProperties: { containers: [{ image: "i", envs: [{ name: "GITHUB_TOKEN", value: GITHUB_TOKEN }] }] } } },
        messages: [byName("eksProperties.podProperties.containers[0].envs.GITHUB_TOKEN", "Batch job definition", 40, FIX.batch)],
    },
    {
        type: "aws:codebuild/project:Project",
        covers: "environment.environmentVariables of type PLAINTEXT",
        valid: { environment: { image: "i", environmentVariables: [{ name: "NPM_TOKEN", value: "ci/npm-token", type: "SECRETS_MANAGER" }, { name: "STAGE", value: "ci" }] } },
        invalid: { environment: { image: "i", environmentVariables: [{ name: "NPM_TOKEN", value: `npm_${"a".repeat(36)}`, type: "PLAINTEXT" }] } },
        messages: [byName("environment.environmentVariables.NPM_TOKEN", "CodeBuild project", 40, FIX.codebuild)],
    },
    {
        type: "aws:apprunner/service:Service",
        covers: "image repository runtimeEnvironmentVariables",
        valid: { sourceConfiguration: { imageRepository: { imageConfiguration: { runtimeEnvironmentVariables: { PORT: "8080" }, runtimeEnvironmentSecrets: { SLACK_BOT_TOKEN: SECRET_ARN } } } } },
        invalid: { sourceConfiguration: { imageRepository: { imageConfiguration: { runtimeEnvironmentVariables: { SLACK_BOT_TOKEN: "xoxb-1234-5678-abcdef" } } } } },
        messages: [byName("sourceConfiguration.imageRepository.imageConfiguration.runtimeEnvironmentVariables.SLACK_BOT_TOKEN", "App Runner service", 21, FIX.apprunner)],
    },
    {
        type: "aws:apprunner/service:Service",
        covers: "code repository runtimeEnvironmentVariables",
        valid: { sourceConfiguration: { codeRepository: { codeConfiguration: { codeConfigurationValues: { runtimeEnvironmentVariables: { PORT: "8080" } } } } } },
        invalid: { sourceConfiguration: { codeRepository: { codeConfiguration: { codeConfigurationValues: { runtimeEnvironmentVariables: { CONFIG: `AIza${"B".repeat(35)}` } } } } } },
        messages: [byValue("sourceConfiguration.codeRepository.codeConfiguration.codeConfigurationValues.runtimeEnvironmentVariables.CONFIG", "a Google credential", "App Runner service", 39, FIX.apprunner)],
    },
    {
        type: "aws:sfn/stateMachine:StateMachine",
        covers: "definition (JSON), key names and values",
        valid: { definition: JSON.stringify({ StartAt: "Get", States: { Get: { Type: "Task", Resource: "arn:aws:states:::aws-sdk:secretsmanager:getSecretValue", Parameters: { SecretId: "prod/openai" }, End: true } } }) },
        invalid: { definition: JSON.stringify({ StartAt: "Call", States: { Call: { Type: "Task", Resource: "arn:aws:states:::http:invoke", Parameters: { ApiEndpoint: "https://api.openai.com/v1/chat/completions", Headers: { Authorization: `Bearer ${OPENAI_KEY}` } }, End: true } } }) },
        messages: [byName("definition.States.Call.Parameters.Headers.Authorization", "Step Functions state machine", 171, FIX.sfn)],
    },
    {
        type: "aws:ec2/instance:Instance",
        covers: "userData",
        valid: { userData: "#!/bin/bash\nexport OPENAI_API_KEY=$(aws secretsmanager get-secret-value --secret-id prod/openai --query SecretString --output text)\npython serve.py\n" },
        invalid: { userData: "#!/bin/bash\nexport OPENAI_API_KEY=plain-value-here\npython serve.py\n" },
        messages: [byName("userData (line 2, OPENAI_API_KEY)", "EC2 instance", 16, FIX.ec2)],
    },
    {
        type: "aws:ec2/instance:Instance",
        covers: "userDataBase64",
        valid: { userDataBase64: base64("#!/bin/bash\npython serve.py\n") },
        invalid: { userDataBase64: base64(`#!/bin/bash\ncurl -H "x-api-key: ${HF_TOKEN}" https://huggingface.co\n`) },
        messages: [byValue("userDataBase64 (line 2)", "a Hugging Face credential", "EC2 instance", 81, FIX.ec2)],
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        covers: "userData (base64), a PEM block over several lines",
        valid: { userData: base64("#!/bin/bash\nyum install -y nginx\n") },
        invalid: { userData: base64(`#!/bin/bash\ncat > /etc/key.pem <<EOF\n-----BEGIN RSA PRIVATE KEY-----\n${"MIIEowIBAAKCAQEA".repeat(8)}\n-----END RSA PRIVATE KEY-----\nEOF\n`) },
        messages: [byValue("userData", "a private key (PEM block)", "launch template", 232, FIX.ec2)],
    },
    {
        type: "aws:ec2/launchConfiguration:LaunchConfiguration",
        covers: "userData",
        valid: { userData: "#cloud-config\npackages: [nginx]\n" },
        invalid: { userData: "#cloud-config\nruncmd:\n  - export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPL3\n" },
        messages: [byValue("userData (line 3)", "an AWS access key id", "launch configuration", 49, FIX.ec2)],
    },
    {
        type: "aws:ec2/launchConfiguration:LaunchConfiguration",
        covers: "userDataBase64",
        valid: { userDataBase64: base64("#!/bin/bash\nsystemctl start app\n") },
        invalid: { userDataBase64: base64("#!/bin/bash\nDB_PASSWORD='hunter2'\n") },
        messages: [byName("userDataBase64 (line 2, DB_PASSWORD)", "launch configuration", 7, FIX.ec2)],
    },
];
