"""casebridge's AWS stack: the CDK app that deploys the Chalice app, hardened."""
