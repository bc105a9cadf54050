"""Check dynamic QRIS payloads with qriskit (PyPI), an independent parser.

    python qriskit_check.py < cases.json

Reads [{"static": ..., "amount": N, "ours": ...}, ...] and prints one JSON list, per case:
{"issues": [codes of qriskit's validation of ours, severity error or warning],
 "reference": qriskit's own to_dynamic of the static payload,
 "fields": {tag: value} of ours as qriskit parsed it}.
"""

import json
import sys

import qriskit


def main() -> None:
    out = []
    for case in json.load(sys.stdin):
        ours = qriskit.parse(case["ours"], strict=True)
        issues = [f"{i.severity}:{i.code}" for i in qriskit.validate(case["ours"])]
        reference = qriskit.parse(case["static"]).to_dynamic(case["amount"]).dumps()
        fields = {node.tag: node.value for node in ours.nodes}
        out.append({"issues": issues, "reference": reference, "fields": fields})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
