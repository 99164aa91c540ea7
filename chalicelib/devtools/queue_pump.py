"""Hands an SQS queue's messages to a handler, as Lambda's SQS event source mapping does.

Up to ten messages a batch; the handler answers a partial batch response, and the pump
deletes every message it did not name, leaving those for SQS to deliver again once their
visibility timeout has passed. `make run` feeds the evidence bucket's arrivals to
`check_arrivals` this way; the tests do too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import boto3

#: What a handler gets (message id and body) and answers (a partial batch response).
Handler = Callable[[list[tuple[str, str]]], dict[str, Any]]
#: Or whole records in Lambda's shape (the webhook delivery needs receipts and receive counts).
RecordHandler = Callable[[list[dict[str, Any]]], dict[str, Any]]


class QueuePump:
    def __init__(
        self,
        queue_url: str,
        handle: Handler | RecordHandler,
        *,
        visibility_timeout: int = 30,
        records: bool = False,
    ) -> None:
        self.queue_url = queue_url
        self._handle = handle
        self._visibility = visibility_timeout
        self._sqs = boto3.client("sqs")
        #: Hand over whole records, in Lambda's shape (id, receipt, body, attributes, source queue).
        self._records = records
        self._arn = ""

    @classmethod
    def named(cls, queue_name: str, handle: Handler | RecordHandler, *, records: bool = False) -> QueuePump:
        return cls(boto3.client("sqs").get_queue_url(QueueName=queue_name)["QueueUrl"], handle, records=records)

    def drain(self, rounds: int = 10) -> int:
        """Batches until the queue answers none (or `rounds`); how many messages were handled."""
        handled = 0
        for _ in range(rounds):
            messages = self._sqs.receive_message(
                QueueUrl=self.queue_url,
                MaxNumberOfMessages=10,
                VisibilityTimeout=self._visibility,
                AttributeNames=["All"],
            ).get("Messages", [])
            if not messages:
                break
            answer = self._handle(self._batch(messages))  # type: ignore[arg-type]
            failed = {failure["itemIdentifier"] for failure in answer.get("batchItemFailures", [])}
            done = [message for message in messages if message["MessageId"] not in failed]
            if done:
                self._sqs.delete_message_batch(
                    QueueUrl=self.queue_url,
                    Entries=[{"Id": str(n), "ReceiptHandle": m["ReceiptHandle"]} for n, m in enumerate(done)],
                )
            handled += len(done)
        return handled

    def _batch(self, messages: list[dict[str, Any]]) -> list[Any]:
        if not self._records:
            return [(message["MessageId"], message["Body"]) for message in messages]
        if not self._arn:
            attributes = self._sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])
            self._arn = attributes["Attributes"]["QueueArn"]
        return [
            {
                "messageId": message["MessageId"],
                "receiptHandle": message["ReceiptHandle"],
                "body": message["Body"],
                "attributes": message.get("Attributes", {}),
                "eventSourceARN": self._arn,
            }
            for message in messages
        ]
