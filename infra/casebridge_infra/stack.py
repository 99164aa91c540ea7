"""One stack per Chalice stage: data, notifications, functions, the registry's seed, the firewall, alarms and the console."""

from __future__ import annotations

import aws_cdk as cdk
from constructs import Construct

from casebridge_infra.alarms import build_alarms
from casebridge_infra.config import StageConfig
from casebridge_infra.console import build_console
from casebridge_infra.data import build_data
from casebridge_infra.firewall import build_firewall
from casebridge_infra.functions import REST_API, build_functions, log_group_prefix
from casebridge_infra.malware import scans_rule_arn
from casebridge_infra.notifications import build_notifications, delivery_rule_arn
from casebridge_infra.seeding import build_registry_seed
from chalicelib import __version__
from chalicelib.domain.files import ScanPolicy
from chalicelib.topology import topology

#: Chalice's API Gateway stage (`.chalice/config.json`) and app name (the API's name).
API_STAGE = "v1"
API_NAME = "casebridge"


class CasebridgeStack(cdk.Stack):
    def __init__(self, scope: Construct, config: StageConfig) -> None:
        env = cdk.Environment(account=config.account, region=config.region) if config.account else None
        # The construct id is the Chalice stage: `chalice.cdk` packages the stage its parent is named after.
        super().__init__(
            scope,
            config.stage,
            stack_name=f"casebridge-{config.stage}",
            env=env,
            description=f"casebridge {__version__} {config.stage}: interagency case coordination API",
            termination_protection=config.stage == "prod",
        )
        plan = topology(config.stage)
        self.plan = plan
        scanning = config.malware_scan is not ScanPolicy.OFF
        # The rules that deliver into queues under the stack's key: the delivery rule, and GuardDuty's results'.
        rules = [delivery_rule_arn(self, plan)]
        rules += [scans_rule_arn(self, plan)] if scanning else []
        self.data = build_data(
            self,
            plan,
            log_group_prefix(plan),
            rules,
            config.audit_retention_days,
            config.evidence_retention_days,
            [str(origin).rstrip("/") for origin in config.evidence_browser_origins],
            scanning=scanning,
        )
        self.notifications = build_notifications(self, plan, config, self.data.key)
        self.functions = build_functions(self, plan, config, self.data, self.notifications)
        self.registry_seed = build_registry_seed(self, self.functions.chalice, self.data.table)
        rest_api_id = cdk.Fn.ref(REST_API)
        if config.waf:
            build_firewall(self, plan, config, rest_api_id, cdk.Fn.ref(f"{REST_API}.Stage"))
        build_alarms(
            self,
            plan,
            config,
            self.data.key,
            self.functions,
            self.notifications,
            API_NAME,
            API_STAGE,
            self.data.evidence,
        )
        self.console = build_console(self, config, rest_api_id, API_STAGE, self.data.evidence.bucket.ref)
        if not config.trusted_issuers:
            cdk.Annotations.of(self).add_warning_v2(
                "casebridge:no-issuers", "no trusted issuers in the stage file: every request will be refused (401)"
            )
        cdk.CfnOutput(self, "TableName", value=self.data.table.ref)
        cdk.CfnOutput(self, "EventBusName", value=self.notifications.bus.ref)
        cdk.CfnOutput(self, "DeliveryDeadLettersUrl", value=self.notifications.delivery_dead_letters.queue_url)
        cdk.Tags.of(self).add("application", "casebridge")
        cdk.Tags.of(self).add("stage", config.stage)
        cdk.Tags.of(self).add("version", __version__)
