"""Alarms on dead letters, stream lag, Lambda errors and throttles and API 5xx, to an encrypted topic."""

from __future__ import annotations

import json

from chalicelib.domain.organisations import seed


def alarms(synth):
    return {
        alarm["Properties"]["AlarmName"]: alarm["Properties"]
        for alarm in synth.resources("AWS::CloudWatch::Alarm").values()
    }


def test_every_dead_letter_queue_has_a_depth_alarm(prod):
    depth = {
        name: alarm
        for name, alarm in alarms(prod).items()
        if alarm["MetricName"] == "ApproximateNumberOfMessagesVisible"
    }
    # Each organisation's, the stream failures' and the evidence arrivals'.
    assert len(depth) == len(list(seed())) + 2
    queues = {q["Properties"]["QueueName"]: name for name, q in prod.resources("AWS::SQS::Queue").items()}
    watched = {alarm["Dimensions"][0]["Value"]["Fn::GetAtt"][0] for alarm in depth.values()}
    assert watched == {queues[name] for name in queues if name.endswith("-dlq") or name.endswith("stream-failures")}
    assert all(alarm["Threshold"] == 1 and alarm["Statistic"] == "Maximum" for alarm in depth.values())


def test_stream_iterator_age_errors_throttles_and_5xx_are_watched(prod):
    by_metric = {}
    for alarm in alarms(prod).values():
        by_metric.setdefault((alarm["Namespace"], alarm["MetricName"]), []).append(alarm)
    (age,) = by_metric[("AWS/Lambda", "IteratorAge")]
    assert age["Dimensions"] == [{"Name": "FunctionName", "Value": {"Ref": "PublishChanges"}}]
    assert age["Threshold"] == 5 * 60 * 1000
    for metric in ("Errors", "Throttles"):
        functions = {alarm["Dimensions"][0]["Value"]["Ref"] for alarm in by_metric[("AWS/Lambda", metric)]}
        assert functions == {"APIHandler", "PublishChanges", "FireTimers", "CheckArrivals"}
    (api,) = by_metric[("AWS/ApiGateway", "5XXError")]
    assert {d["Name"]: d["Value"] for d in api["Dimensions"]} == {"ApiName": "casebridge", "Stage": "v1"}


def test_alarms_notify_an_encrypted_topic(prod, every_option):
    (topic_id, topic), *_ = prod.resources("AWS::SNS::Topic").items()
    assert "KmsMasterKeyId" in topic["Properties"]
    for alarm in alarms(prod).values():
        assert alarm["AlarmActions"] == [{"Ref": topic_id}]
        assert alarm["TreatMissingData"] == "notBreaching"
    assert prod.resources("AWS::SNS::Subscription") == {}
    (subscription,) = every_option.resources("AWS::SNS::Subscription").values()
    assert subscription["Properties"]["Protocol"] == "email"
    assert subscription["Properties"]["Endpoint"] == "soc@example.gov"


def test_only_the_stacks_alarms_may_publish_to_the_topic(prod):
    (policy,) = prod.resources("AWS::SNS::TopicPolicy").values()
    (allow,) = [s for s in policy["Properties"]["PolicyDocument"]["Statement"] if s["Effect"] == "Allow"]
    assert allow["Principal"] == {"Service": "cloudwatch.amazonaws.com"}
    assert allow["Action"] == "sns:Publish"
    assert ":alarm:casebridge-prod-*" in json.dumps(allow["Condition"]["ArnLike"]["aws:SourceArn"])
    names = [alarm["AlarmName"] for alarm in alarms(prod).values()]
    assert all(name.startswith("casebridge-prod-") for name in names)


def test_a_changed_or_removed_audit_item_raises_an_alarm(prod):
    from chalicelib.domain.audit import AUDIT_TAMPERED

    (metric_filter,) = prod.resources("AWS::Logs::MetricFilter").values()
    properties = metric_filter["Properties"]
    assert properties["FilterPattern"] == f'{{ $.message = "{AUDIT_TAMPERED}" }}'
    assert properties["LogGroupName"] == {"Ref": "StreamLogs"}
    [transformation] = properties["MetricTransformations"]
    alarm = alarms(prod)["casebridge-prod-AuditTrailTampered"]
    assert (alarm["Namespace"], alarm["MetricName"]) == (
        transformation["MetricNamespace"],
        transformation["MetricName"],
    )
    assert (alarm["Threshold"], alarm["Statistic"]) == (1, "Sum")
