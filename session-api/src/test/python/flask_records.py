#!/usr/bin/python3
"""Flask-Session 0.8 records and signed cookies, made and read by Debian's python3-msgpack,
python3-itsdangerous and python3-flask: an implementation of the formats independent of session4j's.
Driven by the Java tests of SESSION_RECORD_FORMAT=flask-session (FlaskPython.java); see
scripts/services/python.sh. Every command prints one line.

  every-type msgpack|json     the record with every supported type, as hex
  flask-record msgpack|json   a Flask session (SessionMixin, permanent) holding user=ada, as hex
  decode HEX                  a msgpack record, described as JSON (bytes and datetimes tagged)
  sign SECRET ID              itsdangerous' Signer(SECRET, salt="flask-session", key_derivation="hmac")
  unsign SECRET VALUE         the ID, or BAD_SIGNATURE
  pickle                      a pickled session, as Flask-Session 0.7 wrote them, as hex
"""
import base64
import datetime
import json
import pickle
import sys

import msgpack
from flask.sessions import SessionMixin
from itsdangerous import BadSignature, Signer
from werkzeug.datastructures import CallbackDict

UTC = datetime.timezone.utc


class ServerSideSession(CallbackDict, SessionMixin):
    """Flask-Session 0.8's session class: a dict whose permanence is Flask's own key _permanent."""

    def __init__(self, initial=None, sid=None, permanent=None):
        CallbackDict.__init__(self, initial)
        self.sid = sid
        if permanent:
            self.permanent = permanent
        self.modified = False


def every_type():
    return {
        "_permanent": True,
        "none": None,
        "no": False,
        "small": 7,
        "neg": -33,
        "big": 5000000000,
        "minus": -5000000000,
        "float": 1.5,
        "text": "h\u00e9llo \"q\" \\ \n\u0001",
        "bytes": b"\x00\x01\xff",
        "list": [1, "a", [True]],
        "map": {"k": "v", "n": {"x": 2}},
        "instant": datetime.datetime(2024, 1, 2, 3, 4, 5, 123456, tzinfo=UTC),
        "second": datetime.datetime(2024, 1, 1, tzinfo=UTC),
        "uuid": "123e4567-e89b-12d3-a456-426614174000",
        "decimal": "1.50",
    }


def to_json(value):
    """JSON as msgspec writes it: compact, non-ASCII raw, bytes base64, datetimes RFC 3339 with Z."""
    def default(v):
        if isinstance(v, bytes):
            return base64.b64encode(v).decode("ascii")
        if isinstance(v, datetime.datetime):
            return v.isoformat().replace("+00:00", "Z")
        raise TypeError(type(v))
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=default).encode("utf-8")


def encode(value, fmt):
    if fmt == "json":
        return to_json(value)
    return msgpack.packb(value, use_bin_type=True, datetime=True)


def describe(v):
    if isinstance(v, bytes):
        return {"$bytes": v.hex()}
    if isinstance(v, datetime.datetime):
        return {"$datetime": v.isoformat()}
    if isinstance(v, dict):
        return {k: describe(x) for k, x in v.items()}
    if isinstance(v, list):
        return [describe(x) for x in v]
    return v


def main(args):
    cmd = args[0]
    if cmd == "every-type":
        print(encode(every_type(), args[1]).hex())
    elif cmd == "flask-record":
        session = ServerSideSession(sid="x", permanent=True)
        session["user"] = "ada"
        print(encode(dict(session), args[1]).hex())
    elif cmd == "decode":
        value = msgpack.unpackb(bytes.fromhex(args[1]), raw=False, timestamp=3)
        print(json.dumps(describe(value), sort_keys=True))
    elif cmd == "sign":
        print(Signer(args[1], salt="flask-session", key_derivation="hmac").sign(args[2]).decode("ascii"))
    elif cmd == "unsign":
        try:
            print(Signer(args[1], salt="flask-session", key_derivation="hmac").unsign(args[2]).decode("ascii"))
        except BadSignature:
            print("BAD_SIGNATURE")
    elif cmd == "pickle":
        print(pickle.dumps({"_permanent": True, "user": "ada"}).hex())
    else:
        raise SystemExit("unknown command " + cmd)


if __name__ == "__main__":
    main(sys.argv[1:])
