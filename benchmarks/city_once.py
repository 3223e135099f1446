"""One synthetic city generated, built, validated and reported once, for whole-process timing.

    /usr/bin/time -v python benchmarks/city_once.py
    /usr/bin/time -v python benchmarks/city_once.py --times 4

give the whole-process cost of Yancheng and of a city four times as large (their ratio), and
each one's peak memory (maximum resident set size); repeat each a few times and compare medians.
"""

from __future__ import annotations

import argparse

import attrs

from neighborhood_pb import OrgTree, run_checks
from neighborhood_pb.metrics import MetricInputs, compute_metrics
from neighborhood_pb.synthetic import YANCHENG_SCALE, CityScale, generate_city


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--times", type=int, default=1, help="the city this many times Yancheng")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scale = attrs.evolve(
        YANCHENG_SCALE,
        **{f.name: getattr(YANCHENG_SCALE, f.name) * args.times for f in attrs.fields(CityScale)},
    )
    city = generate_city(scale, seed=args.seed)
    tree = OrgTree.from_records(city.schema, city.structure)
    findings = run_checks(tree, city.as_of)
    table = compute_metrics(MetricInputs(tree=tree), city.as_of)
    print(f"{len(findings)} findings, {len(table.scopes)} scopes")


if __name__ == "__main__":
    main()
