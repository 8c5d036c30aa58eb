#!/usr/bin/env python3
"""Writes ../resources/python-json-dumps.json: for each JSON text below, what the original monitor
printed for it, json.dumps(json.loads(text), indent=2). Run once with the machine's python3 (the
committed table came from Python 3.11.7); JsonPrettyTest compares the monitor's output with it."""
import json
import os
import sys

INPUTS = [
    # containers and whitespace
    '{"a":1}', '[1,2,3]', '{}', '[]', '[ ]', '{ }', '{"a":{},"b":[]}', '[[[]]]', '[{}]', '{"a":[{"b":null}]}',
    '  { "a" : [ 1 , 2 ] }  ', '\t[\r\n1\n]\n',
    '{"name":"Alice","age":30,"admin":false,"tags":["x","y"],"address":{"city":"Paris","zip":"75001"},"spouse":null}',
    '[1,[2,[3,[4,[5]]]]]', '{"a":{"b":{"c":{"d":{}}}}}',
    # scalars
    '"text"', '42', '-0', 'true', 'false', 'null', '""',
    # numbers Python prints as they were written
    '1.5', '-3', '0.1', '10000000.0', '1e-05', '1.0', '-0.0', '3.14159', '123456789012345678901234567890',
    '-98765432109876543210', '2.5e-07', '1e+22', '0.001',
    # numbers Python rewrites (JsonPrettyTest keeps them as written, and says why)
    '1e400', '-1e400', '1e5', '1E+5', '1.50', '1e-5', '0.1e1', '1.0000000000000001', '12345678901234567890.0', '1e22',
    '[1E2,2e-3]',
    # strings
    '"é"', '"\\u00e9"', '"\\u00E9"', '"😀"', '"\\ud83d\\ude00"', '"\\ud800"', '"\\udc00x"', '{"v":"\\ud800"}',
    '"tab\\there"', '"\\/"', '"a\\"b"', '"\\\\"', '"\\u0000"', '"\\u001b[2J"', '"\\u007f"', '"\x7f"', '"\\u0085"',
    '"\x85"', '"\\b\\f\\n\\r\\t"', '"\\u2028"', '"\\u0041"', '"ÿ 中文 ∑"', '{"é":"😀"}',
    '{"a\\nb":"c\\u001bd"}',
    # names Python merges (JsonPrettyTest keeps every name as sent)
    '{"a":1,"b":2,"a":3}',
]


def main():
    table = [{"input": text, "python": json.dumps(json.loads(text), indent=2)} for text in INPUTS]
    out = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'resources', 'python-json-dumps.json')
    with open(out, 'w', encoding='utf-8') as f:
        json.dump({"python": sys.version.split()[0], "table": table}, f, indent=1, ensure_ascii=False)
        f.write('\n')


if __name__ == '__main__':
    main()
