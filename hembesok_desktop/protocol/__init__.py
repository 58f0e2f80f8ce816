"""What the laptop and the central server share, and nothing else.

- ``wire``: the sync protocol's payloads (push, pull, enroll) as pydantic models;
- ``merge``: the one merge rule (per field, last writer wins by hybrid logical clock, the loser
  of a concurrent write kept as a Conflict), on plain ``Version`` values;
- ``field_merge``: the same rule on the wire's ``FieldValue``, for the server.

No Qt, no SQL, no HTTP: both ``store``/``sync`` (the laptop) and ``server`` import it, so client
and server can never disagree about a payload's shape or about which version wins.
"""
