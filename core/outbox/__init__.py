"""The transactional outbox: every published event is a row written in the publisher's
transaction, delivered after commit and, whatever was missed, by the ``core.outbox.dispatch``
job."""
