"""From the table's stream to the event bus: the outbox of every state change."""
