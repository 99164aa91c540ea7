"""DynamoDB adapters: the one table's item types and the repositories over them."""
