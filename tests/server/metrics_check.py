#!/usr/bin/env python3
"""Parses a /metrics answer (standard input) with the Prometheus client library's own text
parser, as a scraper would, and prints each sample as one JSON object per line:
{"name": ..., "labels": {...}, "value": ...}. Exit 1 with the parser's message when the text
is not valid exposition format."""
import json
import sys

from prometheus_client.parser import text_string_to_metric_families

try:
    for family in text_string_to_metric_families(sys.stdin.read()):
        for sample in family.samples:
            print(json.dumps({"name": sample.name, "labels": sample.labels, "value": sample.value}))
except Exception as error:  # the parser raises ValueError and friends
    print(f"not Prometheus text format: {error}", file=sys.stderr)
    sys.exit(1)
