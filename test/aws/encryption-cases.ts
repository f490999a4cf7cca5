/**
 * The cases for aws-encryption-at-rest-cmk: for every row of the table, a compliant resource and a
 * typical mistake with its exact message. Data only, so they move into the shared table tester.
 */
const ARN = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab";
const KEY_FIX = "a customer-managed KMS key (its ARN)";

export interface RowCase {
    type: string;
    /** The table row's label, which the case covers. */
    row: string;
    valid: Record<string, unknown>;
    invalid: Record<string, unknown>;
    message: string;
    code: string;
}

export const ROW_CASES: readonly RowCase[] = [
    {
        type: "aws:sagemaker/notebookInstance:NotebookInstance",
        row: "SageMaker notebook instance",
        valid: { instanceType: "ml.t3.medium", kmsKeyId: ARN },
        invalid: { instanceType: "ml.t3.medium" },
        message: `res: kmsKeyId is not set, so this SageMaker notebook instance is encrypted with an AWS managed key, not a customer-managed KMS key (not set). Fix: set kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:sagemaker/domain:Domain",
        row: "SageMaker domain",
        valid: { domainName: "ml", kmsKeyId: ARN },
        invalid: { domainName: "ml", kmsKeyId: "alias/aws/sagemaker" },
        message: `res: kmsKeyId names an AWS managed key, not a customer-managed one ("alias/aws/sagemaker"). Fix: set kmsKeyId to ${KEY_FIX}.`,
        code: "aws-managed-key",
    },
    {
        type: "aws:sagemaker/endpointConfiguration:EndpointConfiguration",
        row: "SageMaker endpoint configuration",
        valid: { productionVariants: [{ modelName: "m" }], kmsKeyArn: ARN },
        invalid: { productionVariants: [{ modelName: "m" }] },
        message: `res: kmsKeyArn is not set, so this SageMaker endpoint configuration is encrypted with an AWS managed key, not a customer-managed KMS key (not set). Fix: set kmsKeyArn to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:sagemaker/featureGroup:FeatureGroup",
        row: "SageMaker feature group offline store",
        valid: { offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://features", kmsKeyId: ARN } } },
        invalid: { offlineStoreConfig: { s3StorageConfig: { s3Uri: "s3://features" } } },
        message: `res: offlineStoreConfig.s3StorageConfig.kmsKeyId is not set, so this SageMaker feature group offline store is encrypted with Amazon S3's default encryption, not a customer-managed KMS key (not set). Fix: set offlineStoreConfig.s3StorageConfig.kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:sagemaker/featureGroup:FeatureGroup",
        row: "SageMaker feature group online store",
        valid: { onlineStoreConfig: { enableOnlineStore: true, securityConfig: { kmsKeyId: ARN } } },
        invalid: { onlineStoreConfig: { enableOnlineStore: true } },
        message: `res: onlineStoreConfig.securityConfig.kmsKeyId is not set, so this SageMaker feature group online store is encrypted with an AWS-owned key, not a customer-managed KMS key (not set). Fix: set onlineStoreConfig.securityConfig.kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },    {
        type: "aws:bedrock/customModel:CustomModel",
        row: "Bedrock custom model",
        valid: { baseModelIdentifier: "amazon.titan", customModelKmsKeyId: ARN },
        invalid: { baseModelIdentifier: "amazon.titan" },
        message: `res: customModelKmsKeyId is not set, so this Bedrock custom model is encrypted with an AWS-owned key, not a customer-managed KMS key (not set). Fix: set customModelKmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:bedrock/agentAgent:AgentAgent",
        row: "Bedrock agent",
        valid: { agentName: "a", customerEncryptionKeyArn: ARN },
        invalid: { agentName: "a" },
        message: `res: customerEncryptionKeyArn is not set, so this Bedrock agent is encrypted with an AWS-owned key, not a customer-managed KMS key (not set). Fix: set customerEncryptionKeyArn to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:bedrock/agentKnowledgeBase:AgentKnowledgeBase",
        row: "Bedrock managed knowledge base",
        valid: { knowledgeBaseConfiguration: { type: "MANAGED", managedKnowledgeBaseConfiguration: { serverSideEncryptionConfiguration: { kmsKeyArn: ARN } } } },
        invalid: { knowledgeBaseConfiguration: { type: "MANAGED" } },
        message: `res: knowledgeBaseConfiguration.managedKnowledgeBaseConfiguration.serverSideEncryptionConfiguration.kmsKeyArn is not set, so this Bedrock managed knowledge base is encrypted with an AWS-owned key, not a customer-managed KMS key (not set). Fix: set knowledgeBaseConfiguration.managedKnowledgeBaseConfiguration.serverSideEncryptionConfiguration.kmsKeyArn to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:bedrock/agentDataSource:AgentDataSource",
        row: "Bedrock knowledge base data source",
        valid: { serverSideEncryptionConfiguration: { kmsKeyArn: ARN } },
        invalid: { serverSideEncryptionConfiguration: { kmsKeyArn: "" } },
        message: `res: serverSideEncryptionConfiguration.kmsKeyArn is not set, so this Bedrock knowledge base data source is encrypted with an AWS-owned key, not a customer-managed KMS key (""). Fix: set serverSideEncryptionConfiguration.kmsKeyArn to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:dynamodb/table:Table",
        row: "DynamoDB table",
        valid: { hashKey: "id", serverSideEncryption: { enabled: true, kmsKeyArn: ARN } },
        invalid: { hashKey: "id" },
        message: `res: serverSideEncryption.enabled does not turn on KMS encryption for this DynamoDB table, so it is encrypted with an AWS-owned key (not set). Fix: set serverSideEncryption.enabled: true and serverSideEncryption.kmsKeyArn to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:ebs/volume:Volume",
        row: "EBS volume",
        valid: { size: 100, encrypted: true, kmsKeyId: ARN },
        invalid: { size: 100, encrypted: false },
        message: `res: encrypted does not turn on KMS encryption for this EBS volume (false). Fix: set encrypted: true and kmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:ec2/launchTemplate:LaunchTemplate",
        row: "launch template block device",
        valid: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true", kmsKeyId: ARN } }] },
        invalid: { blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }] },
        message: `res: blockDeviceMappings[0].ebs.kmsKeyId is not set, so this launch template block device is encrypted with the account's default EBS key (aws/ebs unless changed), not a customer-managed KMS key (not set). Fix: set blockDeviceMappings[0].ebs.encrypted: "true" and blockDeviceMappings[0].ebs.kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:efs/fileSystem:FileSystem",
        row: "EFS file system",
        valid: { encrypted: true, kmsKeyId: ARN },
        invalid: { encrypted: true },
        message: `res: kmsKeyId is not set, so this EFS file system is encrypted with the AWS managed key aws/elasticfilesystem, not a customer-managed KMS key (not set). Fix: set encrypted: true and kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:rds/instance:Instance",
        row: "RDS instance",
        valid: { storageEncrypted: true, kmsKeyId: ARN },
        invalid: { storageEncrypted: true, kmsKeyId: "arn:aws:kms:us-east-1:111122223333:alias/aws/rds" },
        message: `res: kmsKeyId names an AWS managed key, not a customer-managed one ("arn:aws:kms:us-east-1:111122223333:alias/aws/rds"). Fix: set storageEncrypted: true and kmsKeyId to ${KEY_FIX}.`,
        code: "aws-managed-key",
    },
    {
        type: "aws:rds/cluster:Cluster",
        row: "RDS cluster",
        valid: { engine: "aurora-postgresql", storageEncrypted: true, kmsKeyId: ARN },
        invalid: { engine: "aurora-postgresql" },
        message: `res: storageEncrypted does not turn on KMS encryption for this RDS cluster (not set). Fix: set storageEncrypted: true and kmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:redshift/cluster:Cluster",
        row: "Redshift cluster",
        // v7 takes the flag as a string.
        valid: { clusterIdentifier: "dw", encrypted: "true", kmsKeyId: ARN },
        invalid: { clusterIdentifier: "dw", encrypted: "false" },
        message: `res: encrypted does not turn on KMS encryption for this Redshift cluster ("false"). Fix: set encrypted: true and kmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:redshiftserverless/namespace:Namespace",
        row: "Redshift Serverless namespace",
        valid: { namespaceName: "dw", kmsKeyId: ARN },
        invalid: { namespaceName: "dw" },
        message: `res: kmsKeyId is not set, so this Redshift Serverless namespace is encrypted with an AWS-owned key, not a customer-managed KMS key (not set). Fix: set kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:opensearch/domain:Domain",
        row: "OpenSearch domain",
        valid: { encryptAtRest: { enabled: true, kmsKeyId: ARN } },
        invalid: { encryptAtRest: { enabled: true } },
        message: `res: encryptAtRest.kmsKeyId is not set, so this OpenSearch domain is encrypted with the AWS managed key aws/es, not a customer-managed KMS key (not set). Fix: set encryptAtRest.enabled: true and encryptAtRest.kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:elasticsearch/domain:Domain",
        row: "Elasticsearch domain",
        valid: { encryptAtRest: { enabled: true, kmsKeyId: ARN } },
        invalid: {},
        message: `res: encryptAtRest.enabled does not turn on KMS encryption for this Elasticsearch domain (not set). Fix: set encryptAtRest.enabled: true and encryptAtRest.kmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:kinesis/stream:Stream",
        row: "Kinesis stream",
        valid: { shardCount: 1, encryptionType: "KMS", kmsKeyId: ARN },
        invalid: { shardCount: 1, encryptionType: "NONE" },
        message: `res: encryptionType does not turn on KMS encryption for this Kinesis stream ("NONE"). Fix: set encryptionType: "KMS" and kmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",
        row: "Firehose delivery stream",
        valid: { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "CUSTOMER_MANAGED_CMK", keyArn: ARN } },
        invalid: { destination: "extended_s3", serverSideEncryption: { enabled: true, keyType: "AWS_OWNED_CMK" } },
        message: `res: serverSideEncryption.keyType does not turn on KMS encryption for this Firehose delivery stream ("AWS_OWNED_CMK"). Fix: set serverSideEncryption.enabled: true, serverSideEncryption.keyType: "CUSTOMER_MANAGED_CMK" and serverSideEncryption.keyArn to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:sqs/queue:Queue",
        row: "SQS queue",
        valid: { kmsMasterKeyId: ARN },
        invalid: { sqsManagedSseEnabled: true },
        message: `res: kmsMasterKeyId is not set, so this SQS queue is encrypted with SQS-owned keys (SSE-SQS), not a customer-managed KMS key (not set). Fix: set kmsMasterKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:sns/topic:Topic",
        row: "SNS topic",
        valid: { kmsMasterKeyId: ARN },
        invalid: { kmsMasterKeyId: "alias/aws/sns" },
        message: `res: kmsMasterKeyId names an AWS managed key, not a customer-managed one ("alias/aws/sns"). Fix: set kmsMasterKeyId to ${KEY_FIX}.`,
        code: "aws-managed-key",
    },
    {
        type: "aws:cloudwatch/logGroup:LogGroup",
        row: "CloudWatch log group",
        valid: { retentionInDays: 30, kmsKeyId: ARN },
        invalid: { retentionInDays: 30 },
        message: `res: kmsKeyId is not set, so this CloudWatch log group is encrypted with keys CloudWatch Logs owns, not a customer-managed KMS key (not set). Fix: set kmsKeyId to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:ecr/repository:Repository",
        row: "ECR repository",
        valid: { encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: ARN }] },
        invalid: { encryptionConfigurations: [{ encryptionType: "KMS" }] },
        message: `res: encryptionConfigurations[0].kmsKey is not set, so this ECR repository is encrypted with the AWS managed key aws/ecr, not a customer-managed KMS key (not set). Fix: set encryptionConfigurations[0].encryptionType: "KMS" and encryptionConfigurations[0].kmsKey to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
    {
        type: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
        row: "Glue Data Catalog",
        valid: { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: ARN }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: ARN } } },
        invalid: { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "DISABLED" }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: ARN } } },
        message: `res: dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode does not turn on KMS encryption for this Glue Data Catalog ("DISABLED"). Fix: set dataCatalogEncryptionSettings.encryptionAtRest.catalogEncryptionMode: "SSE-KMS" and dataCatalogEncryptionSettings.encryptionAtRest.sseAwsKmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:glue/dataCatalogEncryptionSettings:DataCatalogEncryptionSettings",
        row: "Glue Data Catalog (connection passwords)",
        valid: { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS-WITH-SERVICE-ROLE", sseAwsKmsKeyId: ARN }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: true, awsKmsKeyId: ARN } } },
        invalid: { dataCatalogEncryptionSettings: { encryptionAtRest: { catalogEncryptionMode: "SSE-KMS", sseAwsKmsKeyId: ARN }, connectionPasswordEncryption: { returnConnectionPasswordEncrypted: false } } },
        message: `res: dataCatalogEncryptionSettings.connectionPasswordEncryption.returnConnectionPasswordEncrypted does not turn on KMS encryption for this Glue Data Catalog (connection passwords) (false). Fix: set dataCatalogEncryptionSettings.connectionPasswordEncryption.returnConnectionPasswordEncrypted: true and dataCatalogEncryptionSettings.connectionPasswordEncryption.awsKmsKeyId to ${KEY_FIX}.`,
        code: "encryption-off",
    },
    {
        type: "aws:lambda/function:Function",
        row: "Lambda function's environment",
        valid: { runtime: "nodejs20.x", environment: { variables: { MODEL_ID: "anthropic.claude" } }, kmsKeyArn: ARN },
        invalid: { runtime: "nodejs20.x", environment: { variables: { MODEL_ID: "anthropic.claude" } } },
        message: `res: kmsKeyArn is not set, so this Lambda function's environment is encrypted with the AWS managed key aws/lambda, not a customer-managed KMS key (not set). Fix: set kmsKeyArn to ${KEY_FIX}.`,
        code: "no-customer-key",
    },
];
