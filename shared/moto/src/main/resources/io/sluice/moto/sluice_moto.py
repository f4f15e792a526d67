"""moto's DynamoDB, served the way Sluice needs it.

Written out and run by io.sluice.moto.MotoServer (sluice-local and every test JVM); it is not meant to be
started by hand, though `python3 sluice_moto.py --port 8000` works.

What it adds to `moto_server`, and why:
- One lock around every request. moto's threaded server is not atomic: two concurrent conditional writes can
  both succeed, and a failed transaction restores a copy of the whole table over other threads' writes.
  DynamoDB's conditional writes are atomic per item; Sluice's claims and rate limits depend on that. Waiting
  requests take the lock by the priority of the job that sent them (X-Sluice-Priority), so a low-priority flood
  does not delay high-priority jobs here any more than it does on AWS, where nothing is shared between them; the
  turns are weighted (4 : 2 : 1), not strict, so a busy high level never starves the others either.
- Update expressions parsed once per distinct text (moto parses each twice per request).
- Transactions that snapshot only the items they touch. moto 5.2.1 deep-copies every table a
  TransactWriteItems names, so a transaction slows down with the table's size (58 tx/s empty, 4.4 tx/s at
  5,000 items); under the single lock an item-level snapshot is as safe and does not degrade.
- A TTL sweep. DynamoDB deletes expired items in the background (usually within days); moto never does, so a
  long-running sluice-local would grow without bound.
- Loopback only, and it ends with its parent: it exits when its standard input closes, which happens even
  when the parent JVM is killed with SIGKILL.
- With --data-file, the tables survive restarts: saved on a clean stop, on a parent's death and every
  --save-seconds while something changed. The file is moto 5.2.1's own object graph (pickle); it is read
  only by the same version and written atomically (temporary file, then rename).

Exit codes: 0 stopped, 2 bad arguments, 3 python package missing or of the wrong version, 4 port in use.
Messages meant for a person start with "sluice-moto: " on standard error; the one line on standard output is
"sluice-moto listening on http://HOST:PORT" once requests are served.
"""

import argparse
import collections
import logging
import copy
import errno
import os
import pickle
import signal
import sys
import threading
import time

MOTO_VERSION = "5.2.1"
INSTALL_HINT = "pip install 'moto[server]==" + MOTO_VERSION + "'"


def fail(code, message):
    sys.stderr.write("sluice-moto: " + message + "\n")
    sys.stderr.flush()
    os._exit(code)


try:
    from importlib.metadata import version as _installed_version

    _found = _installed_version("moto")
except Exception:  # noqa: BLE001 - any failure here means "not installed" to the user
    _found = None
if _found is None:
    fail(3, "moto is not installed for " + sys.executable + "; install it with: " + INSTALL_HINT)
if _found != MOTO_VERSION:
    fail(3, "moto " + _found + " is installed, Sluice needs moto " + MOTO_VERSION + " (its transaction and "
         "TTL patches are written against that version); install it with: " + INSTALL_HINT)
try:
    from moto.dynamodb.exceptions import (
        ConditionalCheckFailed,
        MockValidationException,
        MultipleTransactionsException,
        TooManyTransactionsException,
        TransactionCanceledException,
        TransactWriteSingleOpException,
    )
    from moto.dynamodb.models import DynamoDBBackend, dynamodb_backends
    from moto.dynamodb.models.dynamo_type import DynamoType
    from moto.dynamodb.parsing.expressions import UpdateExpressionParser
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from werkzeug.serving import WSGIRequestHandler, make_server
except ImportError as e:
    fail(3, "moto's server mode is missing a package (" + str(e) + "); install it with: " + INSTALL_HINT)

import moto.dynamodb.models as _dynamodb_models

_filter_expression = _dynamodb_models.get_filter_expression


class _ItemSnapshots:
    """The items a transaction touched, as they were before it; restored in reverse order on failure."""

    def __init__(self, backend):
        self._backend = backend
        self._saved = []

    def keep(self, table_name, key):
        current = self._backend.get_item(table_name, key)
        self._saved.append((table_name, key, copy.deepcopy(current)))

    def restore(self):
        for table_name, key, before in reversed(self._saved):
            table = self._backend.get_table(table_name)
            hash_value = DynamoType(key[table.hash_key_attr])
            range_value = DynamoType(key[table.range_key_attr]) if table.range_key_attr else None
            if before is None:
                table.delete_item(hash_value, range_value)
            elif range_value is not None:
                table.items[hash_value][range_value] = before
            else:
                table.items[hash_value] = before


def _transact_write_items(self, transact_items):
    """moto 5.2.1's TransactWriteItems, line for line, but with item snapshots instead of table copies."""
    if len(transact_items) > 100:
        raise TooManyTransactionsException()
    snapshots = _ItemSnapshots(self)
    target_items = set()

    def check_unicity(table_name, key):
        item = (str(table_name), str(dict(sorted(key.items()))))
        if item in target_items:
            raise MultipleTransactionsException()
        target_items.add(item)

    errors = []
    for item in transact_items:
        original_item = None
        if len(list(item.keys())) > 1:
            raise TransactWriteSingleOpException
        try:
            op_type, op = next(iter(item.items()))
            if op_type not in {"ConditionCheck", "Put", "Delete", "Update"}:
                raise ValueError("Unsupported transaction operation")
            table_name = op["TableName"]
            condition_expression = op.get("ConditionExpression")
            names = op.get("ExpressionAttributeNames")
            values = op.get("ExpressionAttributeValues")
            return_on_failure = op.get("ReturnValuesOnConditionCheckFailure")
            if op_type == "Put":
                attrs = op["Item"]
                table = self.get_table(table_name)
                key = {table.hash_key_attr: attrs[table.hash_key_attr]}
                if table.range_key_attr is not None:
                    key[table.range_key_attr] = attrs[table.range_key_attr]
            else:
                key = op["Key"]
            check_unicity(table_name, key)
            current = self.get_item(table_name, key)
            if condition_expression is not None:
                condition_op = _filter_expression(condition_expression, names, values)
                if not condition_op.expr(current):
                    if return_on_failure == "ALL_OLD" and current:
                        original_item = current.to_json()["Attributes"]
                    raise ConditionalCheckFailed(item=original_item)
            if op_type != "ConditionCheck":
                snapshots.keep(table_name, key)
            if op_type == "Put":
                self.put_item(table_name, op["Item"], condition_expression=condition_expression,
                              expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Delete":
                self.delete_item(table_name, key, condition_expression=condition_expression,
                                 expression_attribute_names=names, expression_attribute_values=values)
            elif op_type == "Update":
                self.update_item(table_name, key, update_expression=op["UpdateExpression"],
                                 condition_expression=condition_expression,
                                 expression_attribute_names=names, expression_attribute_values=values)
            errors.append((None, None, None))
        except (MultipleTransactionsException, MockValidationException):
            snapshots.restore()
            raise
        except ConditionalCheckFailed as e:
            errors.append(("ConditionalCheckFailed", str(e.message), original_item))
        except Exception as e:  # noqa: BLE001 - moto reports any other failure as that item's reason
            errors.append((type(e).__name__, str(e), original_item))
    if any(code is not None for code, _, _ in errors):
        snapshots.restore()
        raise TransactionCanceledException(errors)


DynamoDBBackend.transact_write_items = _transact_write_items


class _ParsedUpdateExpressions:
    """moto parses each UpdateExpression twice per request (about 1.6 ms each for Sluice's claims and completions,
    a sixth of the request); parsing is a pure function of the text, so each distinct text is parsed once and
    every request gets its own copy (pickle round trip, 5x cheaper than parsing), since validation rewrites it."""

    LIMIT = 10_000

    def __init__(self, parse):
        self._parse = parse
        self._pickled = {}

    def make(self, expression):
        pickled = self._pickled.get(expression)
        if pickled is None:
            ast = self._parse(expression)
            if len(self._pickled) < self.LIMIT:
                self._pickled[expression] = pickle.dumps(ast, protocol=pickle.HIGHEST_PROTOCOL)
            return ast
        return pickle.loads(pickled)


_update_expressions = _ParsedUpdateExpressions(UpdateExpressionParser.make)
UpdateExpressionParser.make = staticmethod(_update_expressions.make)


def _backends():
    # dict's own items(): moto's BackendDict creates an account's backend on a lookup by key.
    for account_regions in dict.values(dynamodb_backends):
        for backend in dict.values(account_regions):
            yield backend


def sweep_expired(now):
    """Deletes every item whose TTL attribute is a number of epoch seconds before now; returns how many."""
    deleted = 0
    for backend in _backends():
        for table in list(backend.tables.values()):
            ttl = table.ttl or {}
            if ttl.get("TimeToLiveStatus") != "ENABLED" or not ttl.get("AttributeName"):
                continue
            attribute = ttl["AttributeName"]
            for item in table.all_items():
                value = item.attrs.get(attribute)
                if value is None or value.type != "N":
                    continue  # DynamoDB ignores a TTL attribute that is not a number
                try:
                    expires = float(value.value)
                except ValueError:
                    continue
                if expires < now:
                    table.delete_item(item.hash_key, item.range_key)
                    deleted += 1
    return deleted


def save(path):
    state = {}
    for account_id, account_regions in dict.items(dynamodb_backends):
        for region, backend in dict.items(account_regions):
            if backend.tables:
                state[(account_id, region)] = backend.tables
    temporary = path + ".tmp"
    with open(temporary, "wb") as out:
        pickle.dump({"moto": MOTO_VERSION, "tables": state}, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)


def load(path):
    if not os.path.exists(path):
        return 0
    try:
        with open(path, "rb") as source:
            saved = pickle.load(source)
    except Exception as e:  # noqa: BLE001 - a damaged file must say so, not start empty silently
        fail(2, "cannot read the saved tables in " + path + " (" + type(e).__name__ + "); move it away to start empty")
    if saved.get("moto") != MOTO_VERSION:
        fail(2, path + " was written by moto " + str(saved.get("moto")) + ", this is moto " + MOTO_VERSION
             + "; move it away to start empty")
    count = 0
    for (account_id, region), tables in saved["tables"].items():
        dynamodb_backends[account_id][region].tables = tables
        count += len(tables)
    return count


class PriorityLock:
    """One lock whose waiters are served in weighted turns by priority (stride scheduling): while every level has
    requests waiting, high gets 4 turns in 7, normal 2 and low 1; in arrival order within a level. A level that
    was idle joins at the current turn, so it neither hoards credit nor waits behind a backlog: a lone
    high-priority request is served next. A release hands the lock straight to the next waiter, waking that one
    thread only (a condition's notify_all would wake every waiter to compete for the GIL).

    Why weighted and not strict: DynamoDB has no lock. On AWS a high-priority job's writes go to its own item and
    its own index partitions, so a low-priority flood does not delay them; under one plain lock they would queue
    behind every low-priority write waiting before them. But AWS never starves the low ones either: their pollers
    and capacity are their own. Served strictly by priority, a busy high level held every low request back until
    its invocation's time ran out, and the demo then stalled with jobs whose claims were cut off mid-write.
    A request names its level in the X-Sluice-Priority header (sluice-local's clients set it for the queue they
    serve); one without it is normal, as the sweep and the save are.
    """

    LEVELS = {"high": 0, "normal": 1, "low": 2}
    # Turns cost the inverse of the weights 4 : 2 : 1, in integers.
    STRIDES = (3, 6, 12)

    def __init__(self):
        self._mutex = threading.Lock()
        self._busy = False
        self._waiting = (collections.deque(), collections.deque(), collections.deque())
        self._pass = [0, 0, 0]
        self._now = 0  # the pass of the turn served last: where an idle level rejoins

    def acquire(self, level=1):
        with self._mutex:
            if not self._busy:
                self._busy = True
                self._pass[level] = max(self._pass[level], self._now)
                return
            gate = threading.Lock()
            gate.acquire()
            if not self._waiting[level]:
                self._pass[level] = max(self._pass[level], self._now)
            self._waiting[level].append(gate)
        gate.acquire()  # released by the holder's release(), which hands the lock over

    def release(self):
        with self._mutex:
            waiting = [level for level in range(3) if self._waiting[level]]
            if not waiting:
                self._busy = False
                return
            level = min(waiting, key=lambda lv: (self._pass[lv], lv))
            self._now = self._pass[level]
            self._pass[level] += self.STRIDES[level]
            self._waiting[level].popleft().release()  # still busy: the woken waiter holds the lock now

    def __enter__(self):
        self.acquire()
        return self

    def __exit__(self, *_):
        self.release()


class SerialisedApplication:
    """moto's WSGI application with every request, body included, under one lock (a PriorityLock)."""

    def __init__(self, application):
        self._application = application
        self.lock = PriorityLock()
        self.writes = 0

    def __call__(self, environ, start_response):
        reply = {}

        def capture(status, headers, exc_info=None):
            reply["start"] = (status, headers, exc_info)
            return lambda data: None

        level = PriorityLock.LEVELS.get(environ.get("HTTP_X_SLUICE_PRIORITY", "normal"), 1)
        self.lock.acquire(level)
        try:
            body = b"".join(self._application(environ, capture))
            if environ.get("REQUEST_METHOD") == "POST":
                self.writes += 1  # reads are POSTs too: "changed" is a cheap over-approximation
        finally:
            self.lock.release()
        status, headers, exc_info = reply["start"]
        start_response(status, headers, exc_info)
        return [body]


class KeepAliveHandler(WSGIRequestHandler):
    """HTTP/1.1, so a client keeps its connection between requests. werkzeug's default, HTTP/1.0, closes it after
    every answer: each request then paid a TCP handshake and a new thread here, and a new socket on the client."""

    protocol_version = "HTTP/1.1"


def every(seconds, action):
    def loop():
        while True:
            time.sleep(seconds)
            action()

    threading.Thread(target=loop, name="sluice-moto-timer", daemon=True).start()


def main(argv):
    parser = argparse.ArgumentParser(prog="sluice_moto.py", description="moto's DynamoDB for Sluice.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000, help="0 picks a free port")
    parser.add_argument("--data-file", help="keep the tables in this file across restarts")
    parser.add_argument("--sweep-seconds", type=float, default=30.0, help="how often expired items are deleted")
    parser.add_argument("--save-seconds", type=float, default=10.0, help="how often changed tables are saved")
    parser.add_argument("--watch-stdin", action="store_true", help="exit when standard input closes")
    args = parser.parse_args(argv)
    # The request that holds the lock shares the interpreter with those arriving meanwhile (their HTTP is parsed before
    # they queue for the lock); with Python's default 5 ms turns, a high-priority request that arrives during a low
    # one's waits several turns before it even queues. 1 ms turns let it queue, and be handed the lock, sooner.
    sys.setswitchinterval(0.001)
    # One line per request on standard error would cost more than some requests themselves.
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        parser.exit(2, "sluice-moto: --host must be a loopback address, not " + args.host + "\n")

    if args.data_file:
        load(args.data_file)
    application = SerialisedApplication(DomainDispatcherApplication(create_backend_app))
    try:
        server = make_server(args.host, args.port, application, threaded=True, request_handler=KeepAliveHandler)
    except (OSError, SystemExit) as e:
        # werkzeug reports a taken port itself and exits; either way the port is what a person must change.
        if isinstance(e, SystemExit) or e.errno == errno.EADDRINUSE:
            fail(4, "port " + str(args.port) + " on " + args.host + " is in use; another program (another "
                 "sluice-local?) holds it")
        raise

    saved_at = [0]

    def save_if_changed():
        if args.data_file:
            with application.lock:
                if application.writes != saved_at[0]:
                    save(args.data_file)
                    saved_at[0] = application.writes

    stopping = threading.Lock()

    def stop(*_):
        if not stopping.acquire(blocking=False):
            return
        try:
            save_if_changed()
        finally:
            os._exit(0)

    def sweep():
        with application.lock:
            sweep_expired(time.time())

    every(args.sweep_seconds, sweep)
    if args.data_file:
        every(args.save_seconds, save_if_changed)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    if args.watch_stdin:
        def watch():
            while sys.stdin.buffer.read(1024):
                pass
            stop()

        threading.Thread(target=watch, name="sluice-moto-parent", daemon=True).start()

    host, port = server.server_address[:2]
    sys.stdout.write("sluice-moto listening on http://" + str(host) + ":" + str(port) + "\n")
    sys.stdout.flush()
    server.serve_forever()


if __name__ == "__main__":
    main(sys.argv[1:])
