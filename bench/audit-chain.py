#!/usr/bin/env python3
"""The SQL cost of the audit chain (issue 16), at the storage level.

Appends N audit events in one transaction through the system SQLite, on the
schema before the chain (migrations 0001-0010: a plain INSERT) and after it
(0001-0011: read the last event's id and hash, INSERT with an explicit id and
both hashes, through the append-only trigger), as SQLiteAuditLog.insert does.
The hashes are computed before the timing (SHA-256 itself costs about a
microsecond natively), so the difference is the SQL the chain adds.
Median of ROUNDS rounds. Usage: bench/audit-chain.py [N] [ROUNDS]
"""
import glob, hashlib, os, sqlite3, statistics, sys, tempfile, time

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
migrations = sorted(glob.glob(os.path.join(root, 'Migrations', '*.sql')))
count = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 5
directory = tempfile.mkdtemp(prefix='poemsd-audit-bench-')


def database(upto):
    path = os.path.join(directory, f'm{upto}-{time.monotonic_ns()}.sqlite')
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute('PRAGMA journal_mode=WAL')
    connection.execute('PRAGMA synchronous=FULL')
    for name in migrations[:upto]:
        # A step marker's Swift step has nothing to chain in an empty table.
        connection.executescript(open(name).read())
    return connection


def netstring(text):
    data = text.encode()
    return str(len(data)).encode() + b':' + data + b','


events = [('2026-11-22T01:00:00.000Z', 'ehr', 'case.read', 'GET', '/v1/cases/{id}', f'c{i}', 200, f'r{i}', '127.0.0.1')
          for i in range(count)]
chain, previous = [], '0' * 64
for number, event in enumerate(events, start=1):
    form = netstring('poemsd-audit-1') + netstring(previous) + netstring(str(number)) + b''.join(netstring(str(x)) for x in event)
    digest = hashlib.sha256(form).hexdigest()
    chain.append((previous, digest))
    previous = digest


def before():
    connection = database(10)
    started = time.perf_counter()
    connection.execute('BEGIN IMMEDIATE')
    for event in events:
        connection.execute('INSERT INTO audit_events (at, key_name, action, method, route, case_id, status, request_id, client_address) '
                           'VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)', event)
    connection.execute('COMMIT')
    return (time.perf_counter() - started) / count * 1e6


def after():
    connection = database(11)
    started = time.perf_counter()
    connection.execute('BEGIN IMMEDIATE')
    for event, (previous, digest) in zip(events, chain):
        last = connection.execute('SELECT id, hash FROM audit_events ORDER BY id DESC LIMIT 1').fetchone()
        assert (last[1] if last else '0' * 64) == previous
        connection.execute('INSERT INTO audit_events (id, at, key_name, action, method, route, case_id, status, request_id, client_address, '
                           'prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
                           ((last[0] if last else 0) + 1,) + event + (previous, digest))
    connection.execute('COMMIT')
    return (time.perf_counter() - started) / count * 1e6


plain, chained = [], []
for _ in range(rounds):
    plain.append(before())
    chained.append(after())
print(f'{count} appends per round, {rounds} rounds, SQLite {sqlite3.sqlite_version}')
print(f'before the chain: {statistics.median(plain):.1f} us per append (median)')
print(f'with the chain:   {statistics.median(chained):.1f} us per append (median)')
