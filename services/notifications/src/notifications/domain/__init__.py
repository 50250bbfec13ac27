"""Pure rules of the notifications service (routing, slots): no Flask, SQLAlchemy or Kafka."""
