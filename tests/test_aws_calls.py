"""The IAM check's recorder (`tests/aws_calls.py`) knows every function of the app."""

from __future__ import annotations

from tests.aws_calls import entry_points, leading_key_pattern, requests_of


def test_the_recorder_knows_the_entry_point_of_every_function_of_the_app():
    from app import app

    routes = {entry.view_name for methods in app.routes.values() for entry in methods.values()}
    functions = set(app.handler_map) - routes
    assert functions == {"publish_changes", "fire_timers", "deliver_webhooks", "check_arrivals", "seed_registry"}
    assert set(entry_points().values()) == {"app", *functions}  # `app`: every route, one function


def test_a_transaction_is_authorised_item_by_item_and_a_batch_as_itself():
    table = "arn:aws:dynamodb:us-east-1:123456789012:table/casebridge-test"
    transaction = {
        "TransactItems": [
            {"Put": {"TableName": "casebridge-test", "Item": {"pk": {"S": "CASE#c1"}, "sk": {"S": "CASE"}}}},
            {"Update": {"TableName": "casebridge-test", "Key": {"pk": {"S": "ORG#DEA"}, "sk": {"S": "x"}}}},
        ]
    }
    assert requests_of("dynamodb", "us-east-1", "TransactWriteItems", transaction) == [
        ("PutItem", table, ["CASE#c1"]),
        ("UpdateItem", table, ["ORG#DEA"]),
    ]
    batch = {
        "RequestItems": {
            "casebridge-test": [
                {"PutRequest": {"Item": {"pk": {"S": "FEED#DEA#0"}, "sk": {"S": "1"}}}},
                {"DeleteRequest": {"Key": {"pk": {"S": "FEED#DEA#3"}, "sk": {"S": "2"}}}},
            ]
        }
    }
    assert requests_of("dynamodb", "us-east-1", "BatchWriteItem", batch) == [
        ("BatchWriteItem", table, ["FEED#DEA#0", "FEED#DEA#3"])
    ]
    assert leading_key_pattern(["FEED#DEA#0", "FEED#DEA#3", "AUDIT#x"]) == ("AUDIT#*", "FEED#*")
