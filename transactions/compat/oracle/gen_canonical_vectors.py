#!/usr/bin/env python3
"""Dev-time generator of canonical-serialization test vectors.

Runs BigchainDB 2.2.2's own path: json.loads(text) then
rapidjson.dumps(value, skipkeys=False, ensure_ascii=False, sort_keys=True)
with python-rapidjson 0.9.1 (the version BigchainDB 2.2.2 pins), and writes
one JSON object per line: {"input": <text>, "expected_hex": <UTF-8 hex>} or
{"input": <text>, "error": <exception class>}.

Needs a Python with python-rapidjson==0.9.1 (e.g. pyenv 3.7 + pip). Output goes to
transactions/src/test/resources/vectors/canonical.jsonl (committed).
"""
import json
import random
import struct
import sys

import rapidjson

random.seed(20240521)
texts = []

# hand-picked hostile values
strings = [
    "", "plain", "/", "\\", '"', "\b\f\n\r\t", "\x00\x01\x07\x0b\x0e\x1f", "\x7f", "\x80\x9f\xa0",
    "\u00e9\u00df\u00fc", "\u2028\u2029", "\u200b\u200c\u200d\u200e\u200f\u202a\u202e\u2066\u2069",
    "\ufeff", "\uffff", "\ue000", "\U0001F600\U0001F4A9\U0001F1E9\U0001F1EA", "\U0010FFFF",
    "\u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627", "\u0915\u094d\u0937",
    "e\u0301", "\ufdfd", "x" * 3000, "\U0001F600" * 500, "<script>alert(1)</script>", "a\u0000b",
]
for s in strings:
    texts.append(json.dumps(s))
    texts.append(json.dumps({s: 1}))
    texts.append(json.dumps(s, ensure_ascii=False))

# keys needing code point order (UTF-16 order differs for astral vs U+E000..U+FFFF)
keysets = [
    ["b", "a", "B", "A", "_", "0", "", " "],
    ["\uffff", "\U0001F600", "\ue000", "\ud7ff", "\U00010000", "\uff61"],
    ["a", "aa", "a\u0000", "a\u0001", "ab", "a\U0001F600", "a\uffff"],
    ["\u00e9", "e", "f", "\u0301", "z"],
    ["$", ".", "\u05d0", "\u0627", "\u4e2d", "\U0002A6D6"],
]
for ks in keysets:
    d = {k: i for i, k in enumerate(ks)}
    texts.append(json.dumps(d))
    texts.append(json.dumps({"outer": d, "list": [d, [d]]}))

# numbers
nums = ["0", "-0", "1", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809",
        "18446744073709551615", "18446744073709551616", "123456789012345678901234567890",
        "1.0", "-0.0", "0.0", "0.1", "0.2", "0.30000000000000004", "1e21", "1E21", "1e+21", "1e20",
        "1e16", "1e15", "9007199254740993", "9007199254740993.0", "1e-4", "1e-5", "0.0001", "0.00001",
        "1.5e-7", "5e-324", "2.2250738585072014e-308", "1.7976931348623157e308", "123e-20", "1.23e21",
        "12345678901234567890.0", "0.000001234", "100.0", "1e2", "1E2", "3.14159265358979323846",
        "2.5", "-2.5e-3", "4.35", "0.1e1", "10e-1", "1.00000000000000000001", "999999999999999999999.0",
        "1e22", "1e23", "8.41e21", "5e-310", "4.9406564584124654e-324", "1.7976931348623157e+308"]
for n in nums:
    texts.append(n)
    texts.append('{"n": %s}' % n)

# random doubles, written in several notations
for _ in range(1500):
    x = struct.unpack("<d", struct.pack("<Q", random.getrandbits(64)))[0]
    if x != x or x in (float("inf"), float("-inf")):
        continue
    texts.append(repr(x))
for _ in range(800):
    x = random.random() * 10 ** random.randint(-30, 30)
    texts.append(repr(x))
    texts.append("%.17e" % x)
    texts.append("%.3f" % x)
    texts.append("%.25g" % x)
for _ in range(300):
    texts.append(str(random.getrandbits(random.randint(1, 200)) * random.choice([1, -1])))

# structures
texts += ['[]', '{}', '[[[]]]', '{"a":[{"b":{"c":[1,2,{"d":null}]}}]}', 'true', 'false', 'null',
          '[true,false,null,"x",1,1.5,{"k":[]}]', ' { "b" : 1 , "a" : [ 1 , 2 ] } ']
deep = '{"x":1}'
for i in range(150):
    deep = '{"k%d":[%s]}' % (i, deep)
texts.append(deep)

with open(sys.argv[1], "w", encoding="utf-8") as out:
    for t in texts:
        v = json.loads(t)
        rec = {"input": t}
        try:
            rec["expected_hex"] = rapidjson.dumps(v, skipkeys=False, ensure_ascii=False,
                                                  sort_keys=True).encode("utf-8").hex()
        except Exception as e:  # noqa
            rec["error"] = type(e).__name__
        out.write(json.dumps(rec) + "\n")
print(len(texts), "vectors")
