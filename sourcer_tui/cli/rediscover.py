"""``sourcer-tui rediscover --mission ID``: the talents of the pool who fit a mission
(Pool matches), best first, each with why.  No Textual here."""

from __future__ import annotations

import argparse
import json
import sys

from ..i18n import _, formats
from .args import bounded, iso_day, record_id

__all__ = ["register", "run"]

#: The most rows one call lists.
MOST = 500


def register(sub, common) -> None:
    rediscover = sub.add_parser("rediscover", help=_("talents of your pool who fit a mission, best first, with why"))
    common(rediscover)
    rediscover.add_argument("--demo", action="store_true", default=argparse.SUPPRESS, help=_("use the demo database"))
    rediscover.add_argument("--mission", type=record_id, metavar="ID", required=True, help=_("the mission"))
    rediscover.add_argument("--limit", type=bounded(1, MOST), default=20, metavar="N",
                            help=_("list at most N talents (default: 20)"))
    rediscover.add_argument("--date", type=iso_day, metavar=_("YYYY-MM-DD"), help=_("stand on another day"))
    rediscover.add_argument("--json", action="store_true", help=_("print JSON"))


def run(args, settings, open_db) -> int:
    from ..clock import SystemClock
    from ..services import rediscover

    today = args.date or SystemClock().today()
    open_db()
    matches = rediscover.pool_matches(
        args.mission, today, recent_contact_days=settings.rediscover.recent_contact_days,
        retention_months=settings.privacy.retention_months, limit=args.limit)
    if args.json:
        rows = [{"talent_id": m.talent_id, "talent": m.name, "score": m.score, "reasons": m.why()} for m in matches]
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
        return 0
    if not matches:
        print(_("No talent of the pool fits mission {id} (or all are left out: contacted lately, snoozed, in it).").format(id=args.mission))
        return 0
    width = max(len(m.name[:40]) for m in matches)
    for m in matches:
        print(f"{m.talent_id:>7}  {formats.decimal(m.score, 2):>5}  {m.name[:40]:<{width}}  {m.why_line()}")
    return 0
