// The smallest awsguard pack: every rule on, as its README shows.
const { AwsGuard } = require("@pulumi/awsguard");

new AwsGuard({ all: "advisory" });
